module.exports = {
  ...require('../../tools/jest/preset.cjs'),
  displayName: 'auth-server',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
