module.exports = {
  ...require('../../tools/jest/preset.cjs'),
  displayName: 'api-keys',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
