module.exports = {
  ...require('../../tools/jest/preset.cjs'),
  displayName: 'api-catalog',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
