module.exports = {
  ...require('../../tools/jest/preset.cjs'),
  displayName: 'orders-api',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
