// Test helpers for apps built on @platform/server-kit. Test code only.
export { startHttpAppForTest, type RunningHttpApp, type StartHttpAppForTestOptions } from './start-http-app-for-test';
