import { InvalidTokenError } from '../auth-error';

/**
 * RFC 7515 section 4.1.11: a recipient must refuse a token whose `crit` names an extension it
 * does not process. This verifier processes none, so any `crit` is a refusal.
 *
 * @throws InvalidTokenError `malformed`
 */
export function checkCriticalHeaders(header: Readonly<Record<string, unknown>>): void {
  if (header['crit'] !== undefined) {
    throw new InvalidTokenError('malformed', 'the token header lists critical extensions this API does not support');
  }
}
