const path = require('node:path');
const swcOptions = require('../swc-options.cjs');

const root = path.resolve(__dirname, '../..');

/** Shared Jest settings: SWC transform and the tsconfig path aliases. */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', swcOptions('commonjs')] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@platform/auth$': `${root}/libs/auth/src/index.ts`,
    '^@platform/auth/testing$': `${root}/libs/auth/src/testing/index.ts`,
    '^@platform/server-kit$': `${root}/libs/server-kit/src/index.ts`,
  },
};
