module.exports = {
  ...require('../../tools/jest/preset.cjs'),
  displayName: 'orders-web',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
