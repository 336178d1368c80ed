/** `npm test`: every project's unit tests and the e2e suites, in one run. */
module.exports = {
  projects: [
    '<rootDir>/libs/api-catalog/jest.config.cjs',
    '<rootDir>/libs/api-keys/jest.config.cjs',
    '<rootDir>/libs/auth/jest.config.cjs',
    '<rootDir>/libs/server-kit/jest.config.cjs',
    '<rootDir>/apps/orders-api/jest.config.cjs',
    '<rootDir>/apps/orders-api/jest.e2e.config.cjs',
    '<rootDir>/apps/payments-api/jest.config.cjs',
    '<rootDir>/apps/payments-api/jest.e2e.config.cjs',
    '<rootDir>/apps/job-runner/jest.config.cjs',
    '<rootDir>/apps/job-runner/jest.e2e.config.cjs',
    '<rootDir>/apps/auth-server/jest.config.cjs',
    '<rootDir>/apps/auth-server/jest.e2e.config.cjs',
    '<rootDir>/apps/orders-web/jest.config.cjs',
    '<rootDir>/apps/orders-web/jest.browser.config.cjs',
    '<rootDir>/tools/jest.config.cjs',
    '<rootDir>/tools/docker/jest.config.cjs',
  ],
  reporters: ['default', '<rootDir>/tools/jest/summary-reporter.cjs'],
  // A global option (ignored in project configs): e2e suites start servers and databases.
  testTimeout: 60000,
};
