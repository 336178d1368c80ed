module.exports = {
  ...require('../../tools/jest/preset.cjs'),
  displayName: 'orders-web-browser',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.browser-spec.ts'],
  testTimeout: 120000,
};
