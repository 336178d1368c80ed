// auth-server's test entry point, `@platform/auth-server/testing`: the one way another app's e2e
// suite starts auth-server in-process (eslint.config.mjs allows this import and no other of an app).
export { startAuthServer, type RunningAuthServer } from './support/start-auth-server';
