module.exports = {
  ...require('../../tools/jest/preset.cjs'),
  displayName: 'orders-api-e2e',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
  testTimeout: 60000,
};
