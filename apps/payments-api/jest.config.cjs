module.exports = {
  ...require('../../tools/jest/preset.cjs'),
  displayName: 'payments-api',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
