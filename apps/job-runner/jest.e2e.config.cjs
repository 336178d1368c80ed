module.exports = {
  ...require('../../tools/jest/preset.cjs'),
  displayName: 'job-runner-e2e',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
  testTimeout: 60000,
};
