/**
 * Whether a verified access token was issued to a client for itself (the client-credentials
 * grant) rather than to a user, by the markers of the identity providers teams run:
 *
 * 1. `sub` equals the client id (RFC 9068 section 2.2; this platform's auth-server, Okta);
 * 2. `sub` is the client id + `@clients` (Auth0);
 * 3. `idtyp` is `app` (Entra ID, with the optional claim);
 * 4. `oid` equals `sub` and there is no `scp` (Entra ID app-only tokens);
 * 5. `preferred_username` is `service-account-` + the client id, any case, and the `client_id`
 *    claim is the client id (Keycloak service accounts).
 *
 * A user whose name happens to equal a client id still fails rule 1 at this platform's
 * auth-server, which refuses to start with such a user.
 *
 * @example
 * isMachineToken({ sub: 'job-runner', client_id: 'job-runner' }, 'job-runner'); // true
 */
export function isMachineToken(claims: Readonly<Record<string, unknown>>, clientId: string | null): boolean {
  if (clientId === null) return false;
  const { sub, idtyp, oid, scp } = claims;
  const serviceAccount = claims['preferred_username'];
  return (
    sub === clientId ||
    sub === `${clientId}@clients` ||
    idtyp === 'app' ||
    (typeof oid === 'string' && oid === sub && scp === undefined) ||
    (typeof serviceAccount === 'string' &&
      serviceAccount.toLowerCase() === `service-account-${clientId}`.toLowerCase() &&
      claims['client_id'] === clientId)
  );
}
