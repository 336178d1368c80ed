module.exports = {
  ...require('../../tools/jest/preset.cjs'),
  displayName: 'auth',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
