import { type ApiResource, PLATFORM_APIS } from './api-registry';
import { type IntrospectingClient, mayIntrospect } from './introspection-policy';

const ordersApi: IntrospectingClient = { clientId: 'orders-api', clientAuthMethod: 'client_secret_basic' };
const spa: IntrospectingClient = { clientId: 'orders-spa', clientAuthMethod: 'none' };
const userToken = { kind: 'AccessToken', clientId: 'orders-spa', aud: 'orders-api' };

describe('mayIntrospect', () => {
  it('lets a client introspect the tokens it was issued, public clients too', () => {
    expect(mayIntrospect(PLATFORM_APIS, spa, userToken)).toBe(true);
    expect(mayIntrospect(PLATFORM_APIS, spa, { kind: 'RefreshToken', clientId: 'orders-spa' })).toBe(true);
  });

  it("lets an API's resource-server client introspect user and client-credentials access tokens for that API", () => {
    expect(mayIntrospect(PLATFORM_APIS, ordersApi, userToken)).toBe(true);
    expect(mayIntrospect(PLATFORM_APIS, ordersApi, { kind: 'ClientCredentials', clientId: 'job-runner', aud: 'orders-api' })).toBe(true);
  });

  it('refuses a resource server the access tokens of another API, and tokens for no API', () => {
    expect(mayIntrospect(PLATFORM_APIS, ordersApi, { kind: 'ClientCredentials', clientId: 'job-runner', aud: 'payments-api' })).toBe(false);
    expect(mayIntrospect(PLATFORM_APIS, ordersApi, { kind: 'AccessToken', clientId: 'orders-spa' })).toBe(false);
  });

  it('refuses a resource server refresh tokens, even of a grant for its API', () => {
    expect(mayIntrospect(PLATFORM_APIS, ordersApi, { kind: 'RefreshToken', clientId: 'orders-spa', aud: 'orders-api' })).toBe(false);
  });

  it('refuses any other client the tokens of others', () => {
    expect(mayIntrospect(PLATFORM_APIS, { clientId: 'reporting', clientAuthMethod: 'client_secret_basic' }, userToken)).toBe(false);
  });

  it('refuses a public client named like a resource server, which anyone could claim to be', () => {
    expect(mayIntrospect(PLATFORM_APIS, { clientId: 'orders-api', clientAuthMethod: 'none' }, userToken)).toBe(false);
  });

  it('reads the resource-server client id an API names instead of its audience', () => {
    const apis: ApiResource[] = PLATFORM_APIS.map((api) => ({ ...api, resourceServerClientId: `${api.audience}-introspector` }));
    const introspector = { clientId: 'orders-api-introspector', clientAuthMethod: 'private_key_jwt' };
    expect(mayIntrospect(apis, introspector, userToken)).toBe(true);
    expect(mayIntrospect(apis, ordersApi, userToken)).toBe(false);
  });
});
