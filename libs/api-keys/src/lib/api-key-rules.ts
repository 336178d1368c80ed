/** Rotation needs two keys at once (the new one and the retiring one); a third would only widen exposure. */
export const MAX_WORKING_KEYS_PER_CLIENT = 2;

export const MAX_SCOPES_PER_KEY = 20;
export const RATE_LIMIT_PER_MINUTE = { min: 1, max: 10_000_000 } as const;
export const EXPIRES_IN_DAYS = { min: 1, max: 3650 } as const;
/** At most 30 days of grace after a retirement. */
export const GRACE_SECONDS = { min: 0, max: 30 * 24 * 60 * 60 } as const;

/** A client id as it appears in admin paths and the CLI: 1-64 letters, digits, ".", "_" or "-". */
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
