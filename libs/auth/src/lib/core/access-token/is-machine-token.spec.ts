import { isMachineToken } from './is-machine-token';

describe('isMachineToken', () => {
  it.each([
    ['sub equals the client id (RFC 9068, this auth-server, Okta)', { sub: 'job-runner', client_id: 'job-runner' }, 'job-runner'],
    ['sub is the client id + @clients (Auth0)', { sub: 'abc@clients', azp: 'abc' }, 'abc'],
    ['idtyp app (Entra ID)', { sub: 'x', idtyp: 'app', azp: 'app-1' }, 'app-1'],
    ['oid equals sub with no scp (Entra ID app-only)', { sub: 'o', oid: 'o', roles: ['Pay'] }, 'app-1'],
    ['a Keycloak service account, any case', { sub: 'u', preferred_username: 'Service-Account-Jobs', client_id: 'jobs' }, 'jobs'],
  ])('recognises %s', (_case, claims, clientId) => {
    expect(isMachineToken(claims, clientId)).toBe(true);
  });

  it.each([
    ['a user of a client', { sub: 'user-1', client_id: 'spa' }, 'spa'],
    ['a token that names no client', { sub: 'job-runner' }, null],
    ['an Entra user (oid equals sub, with scp)', { sub: 'o', oid: 'o', scp: 'read' }, 'spa'],
    [
      'a Keycloak user named like a service account, without the client_id claim',
      { sub: 'u', preferred_username: 'service-account-jobs', azp: 'jobs' },
      'jobs',
    ],
    ['a Keycloak service account of another client', { sub: 'u', preferred_username: 'service-account-other', client_id: 'jobs' }, 'jobs'],
    ['idtyp user', { sub: 'x', idtyp: 'user' }, 'app-1'],
  ])('does not take %s for a machine', (_case, claims, clientId) => {
    expect(isMachineToken(claims, clientId)).toBe(false);
  });
});
