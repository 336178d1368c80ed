const path = require('node:path');
const swcOptions = require('../swc-options.cjs');

const root = path.resolve(__dirname, '../..');

/** Shared Jest settings: SWC transform and the tsconfig path aliases. */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['@swc/jest', swcOptions('commonjs')],
    // jwks-rsa 4 requires jose 6, which is ESM only: Node 20 loads it with require(esm), Jest's
    // module system cannot, so Jest compiles it to CommonJS.
    '/node_modules/jose/.+\\.js$': ['@swc/jest', { swcrc: false, module: { type: 'commonjs' }, jsc: { target: 'es2022' } }],
  },
  transformIgnorePatterns: ['^(?!.*/node_modules/jose/).*/node_modules/'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@platform/auth$': `${root}/libs/auth/src/index.ts`,
    '^@platform/auth/testing$': `${root}/libs/auth/src/testing/index.ts`,
    '^@platform/server-kit$': `${root}/libs/server-kit/src/index.ts`,
  },
};
