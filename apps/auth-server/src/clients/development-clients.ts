import { OrderScopes, PaymentScopes } from '@platform/api-catalog';
import type { ClientMetadata } from 'oidc-provider';

/**
 * The built-in development clients, used when CLIENTS_FILE is unset and refused when
 * NODE_ENV=production: their secrets are public, in this repository. The web app (`orders-spa`)
 * signs in from each of `webOrigins` (WEB_ORIGINS, the origins the APIs allow by CORS): its codes
 * come back to `<origin>/callback`, its logout to `<origin>/`.
 */
export function developmentClients(webOrigins: readonly string[]): readonly ClientMetadata[] {
  return [
    {
      client_id: 'job-runner',
      client_secret: 'dev-only-job-runner-secret',
      client_name: 'Job runner',
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_basic',
      scope: [OrderScopes.readAny, OrderScopes.writeStatus, PaymentScopes.process].join(' '),
    },
    {
      // Reads orders and payments for reports; it may not pay (the jobs demo shows the 403 this causes).
      client_id: 'reporting',
      client_secret: 'dev-only-reporting-secret',
      client_name: 'Reporting',
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_basic',
      scope: [OrderScopes.readAny, PaymentScopes.read].join(' '),
    },
    {
      client_id: 'admin-cli',
      client_secret: 'dev-only-admin-cli-secret',
      client_name: 'Admin CLI',
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_basic',
      scope: OrderScopes.adminApiKeys,
    },
    {
      // orders-api itself, as the resource server of its API: it introspects the opaque tokens issued
      // for it (OPAQUE_TOKEN_APIS) and may obtain none, so it has no grant at all.
      client_id: 'orders-api',
      client_secret: 'dev-only-orders-api-secret',
      client_name: 'Orders API (resource server)',
      grant_types: [],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_basic',
    },
    {
      client_id: 'orders-spa',
      client_name: 'Orders web app',
      application_type: 'web',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: webOrigins.map((origin) => `${origin}/callback`),
      post_logout_redirect_uris: webOrigins.map((origin) => `${origin}/`),
      token_endpoint_auth_method: 'none',
      scope: ['openid', 'profile', 'email', 'offline_access', OrderScopes.read, OrderScopes.readOwn, OrderScopes.write].join(' '),
    },
    {
      // Swagger UI on each API's /docs: "Authorize" signs a user in (authorization code with PKCE).
      client_id: 'api-docs',
      client_name: 'API documentation (Swagger UI)',
      application_type: 'web',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      redirect_uris: ['http://localhost:3001/docs/oauth2-redirect.html', 'http://localhost:3002/docs/oauth2-redirect.html'],
      token_endpoint_auth_method: 'none',
      scope: [OrderScopes.read, OrderScopes.readOwn, OrderScopes.readAny, OrderScopes.write, PaymentScopes.read].join(' '),
    },
    {
      client_id: 'orders-tv',
      client_name: 'Orders TV',
      application_type: 'native',
      grant_types: ['urn:ietf:params:oauth:grant-type:device_code', 'refresh_token'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'none',
      scope: ['openid', 'profile', 'offline_access', OrderScopes.read, OrderScopes.readOwn].join(' '),
    },
  ];
}
