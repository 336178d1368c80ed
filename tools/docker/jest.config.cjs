module.exports = {
  ...require('../jest/preset.cjs'),
  displayName: 'docker',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.spec.ts'],
};
