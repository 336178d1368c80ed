/** Invalid configuration, reported as one line per problem so start-up output says what to fix. */
export class AuthConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid auth configuration:\n${problems.join('\n')}`);
    this.name = 'AuthConfigError';
  }
}
