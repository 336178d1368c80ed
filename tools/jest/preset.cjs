const path = require('node:path');
const swcOptions = require('../swc-options.cjs');

const root = path.resolve(__dirname, '../..');
const esmOnlyPackages = '(jose|oidc-provider|openid-client|oauth4webapi|content-disposition)';

/** Shared Jest settings: SWC transform and the tsconfig path aliases. */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['@swc/jest', swcOptions('commonjs')],
    // ESM-only packages (jose 6 under oidc-provider and openid-client, both of them; content-disposition 2
    // under @fastify/static, which serves Swagger UI): Node 20 loads them with require(esm), Jest's
    // module system cannot, so Jest compiles them to CommonJS.
    [`/node_modules/${esmOnlyPackages}/.+\\.js$`]: ['@swc/jest', { swcrc: false, module: { type: 'commonjs' }, jsc: { target: 'es2022' } }],
  },
  transformIgnorePatterns: [`^(?!.*/node_modules/${esmOnlyPackages}/).*/node_modules/`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@platform/api-catalog$': `${root}/libs/api-catalog/src/index.ts`,
    '^@platform/api-keys$': `${root}/libs/api-keys/src/index.ts`,
    '^@platform/auth$': `${root}/libs/auth/src/index.ts`,
    '^@platform/auth/testing$': `${root}/libs/auth/src/testing/index.ts`,
    '^@platform/server-kit/testing$': `${root}/libs/server-kit/src/testing/index.ts`,
    '^@platform/server-kit$': `${root}/libs/server-kit/src/index.ts`,
    // Apps' test entry points, for other apps' e2e suites (see eslint.config.mjs).
    '^@platform/(auth-server|orders-api|payments-api)/testing$': `${root}/apps/$1/test/testing.ts`,
  },
};
