module.exports = {
  ...require('../../tools/jest/preset.cjs'),
  displayName: 'job-runner',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
