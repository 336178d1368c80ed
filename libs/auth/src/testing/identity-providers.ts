import { randomBytes, randomUUID } from 'node:crypto';
import { TestIssuer } from './test-issuer';

/** What a test asks an identity provider for. */
export interface TokenRequest {
  /** The API's `aud` as the IdP writes it. Cognito writes none: there it names the resource server its scopes are prefixed with. */
  audience: string;
  /** The API's scope names granted; each IdP writes them where it does (Auth0 `permissions`, Entra app `roles`, Cognito prefixed). */
  scopes?: readonly string[];
  /** Another client id than the IdP's usual one for this kind of token. */
  client?: string;
  /** Claims to add or override; `undefined` leaves one out. */
  claims?: Record<string, unknown>;
}

/**
 * A loopback issuer shaped as one identity provider: its issuer URL (path, trailing slash), its
 * JWKS location and key entries, and its tokens' headers and claims as that IdP issues them.
 */
export interface LoopbackIdentityProvider {
  readonly name: 'Keycloak' | 'Auth0' | 'Okta' | 'Entra ID' | 'Cognito';
  readonly issuer: TestIssuer;
  /** The client a user signs in through (authorization code), as the tokens name it. */
  readonly userClientId: string;
  /** The client that gets tokens for itself (client credentials). */
  readonly machineClientId: string;
  /** A user's access token. */
  userAccessToken(request: TokenRequest): Promise<string>;
  /** A client-credentials access token. */
  machineAccessToken(request: TokenRequest): Promise<string>;
  /** The user's ID token, issued to `userClientId` with the access token. */
  idToken(claims?: Record<string, unknown>): Promise<string>;
}

/** Keycloak also hands out refresh tokens and back-channel logout tokens, both JWTs. */
export interface KeycloakIdentityProvider extends LoopbackIdentityProvider {
  /** The kid of the RSA-OAEP key Keycloak publishes for encryption beside its signing key. */
  readonly encryptionKid: string;
  /** A refresh token: payload `typ: "Refresh"`, `aud` the realm; Keycloak signs it with the realm's HMAC key. */
  refreshToken(signedWith: 'HS256' | 'HS512' | 'RS256'): Promise<string>;
  /** A back-channel logout token (`events`, payload `typ: "Logout"`), with this header `typ`. */
  logoutToken(headerTyp: 'JWT' | 'logout+jwt'): Promise<string>;
}

export interface LoopbackIdentityProviders {
  readonly keycloak: KeycloakIdentityProvider;
  readonly auth0: LoopbackIdentityProvider & {
    /** A user's access token of an API set to the RFC 9068 token profile (`typ: at+jwt`, `client_id`). */
    rfc9068UserAccessToken(request: TokenRequest): Promise<string>;
  };
  readonly okta: LoopbackIdentityProvider;
  readonly entra: LoopbackIdentityProvider;
  readonly cognito: LoopbackIdentityProvider;
  readonly all: readonly LoopbackIdentityProvider[];
  /**
   * The environment of a resource server trusting all five at once (the README's "Use it with
   * your identity provider"), for the API whose `AUTH_AUDIENCE` is `audience`.
   */
  resourceServerEnv(audience: string): Record<string, string>;
  stop(): Promise<void>;
}

const seconds = (): number => Math.floor(Date.now() / 1000);
const lifetime = (): { iat: number; exp: number } => ({ iat: seconds(), exp: seconds() + 300 });
/** Keycloak's `at_hash`, Okta's `AT.` ids and the like: opaque random text of that length. */
const opaque = (bytes = 16): string => randomBytes(bytes).toString('base64url');

/**
 * Five loopback issuers, one per identity provider, each shaped as a real one: a Keycloak realm
 * (`/realms/acme`, an encryption key in its JWKS), an Auth0 tenant (issuer with a trailing "/"),
 * an Okta custom authorization server (`/oauth2/default`), an Entra ID v2.0 tenant
 * (`/<tenant-id>/v2.0`, keys without `alg`) and a Cognito user pool (`/<region>_<pool>`).
 *
 * @example
 * const idps = await startLoopbackIdentityProviders();
 * const token = await idps.okta.userAccessToken({ audience: 'orders-api', scopes: ['read:orders'] });
 */
export async function startLoopbackIdentityProviders(): Promise<LoopbackIdentityProviders> {
  const keycloak = await startKeycloak();
  const auth0 = await startAuth0();
  const okta = await startOkta();
  const entra = await startEntra();
  const cognito = await startCognito();
  const all = [keycloak, auth0, okta, entra, cognito];
  return {
    keycloak,
    auth0,
    okta,
    entra,
    cognito,
    all,
    resourceServerEnv: (audience) => ({
      AUTH_ISSUER: all.map((idp) => idp.issuer.url).join(','),
      AUTH_AUDIENCE: audience,
      // Keycloak, Auth0 and Entra ID write typ JWT; Okta and Cognito no typ.
      AUTH_ACCESS_TOKEN_TYP: 'at+jwt,jwt,none',
      // permissions: Auth0 RBAC; roles: Entra ID application permissions.
      AUTH_SCOPE_CLAIMS: 'scope,scp,permissions,roles',
      // Cognito access tokens have no aud: their app clients stand for it.
      AUTH_AUDIENCE_CLIENT_IDS: [cognito.userClientId, cognito.machineClientId].join(','),
    }),
    async stop() {
      await Promise.all(all.map((idp) => idp.issuer.stop()));
    },
  };
}

async function startKeycloak(): Promise<KeycloakIdentityProvider> {
  const issuer = await TestIssuer.start({ path: '/realms/acme', jwksPath: '/realms/acme/protocol/openid-connect/certs' });
  const encryptionKid = await issuer.addEncryptionKey();
  const userClientId = 'orders-web';
  const machineClientId = 'billing';
  const userSub = randomUUID();
  const sid = randomUUID();
  const header = { typ: 'JWT' };
  const sign = (claims: Record<string, unknown>): Promise<string> => issuer.mint({ withDefaults: false, header, claims });
  const realmRoles = { roles: ['default-roles-acme', 'offline_access', 'uma_authorization'] };
  return {
    name: 'Keycloak',
    issuer,
    encryptionKid,
    userClientId,
    machineClientId,
    userAccessToken: ({ audience, scopes = [], client = userClientId, claims }) =>
      sign({
        ...lifetime(),
        auth_time: seconds(),
        jti: randomUUID(),
        iss: issuer.url,
        // The audience mapper adds the API; "account" is there by default.
        aud: [audience, 'account'],
        sub: userSub,
        typ: 'Bearer',
        azp: client,
        sid,
        acr: '1',
        'allowed-origins': ['http://localhost:5173'],
        realm_access: realmRoles,
        resource_access: { account: { roles: ['manage-account', 'view-profile'] } },
        scope: ['openid', 'profile', 'email', ...scopes].join(' '),
        email_verified: true,
        name: 'Alice Doe',
        preferred_username: 'alice',
        email: 'alice@example.com',
        ...claims,
      }),
    machineAccessToken: ({ audience, scopes = [], client = machineClientId, claims }) =>
      sign({
        ...lifetime(),
        jti: randomUUID(),
        iss: issuer.url,
        aud: audience,
        // The service account is a user of its own, with a UUID: the sub never equals the client.
        sub: randomUUID(),
        typ: 'Bearer',
        azp: client,
        acr: '1',
        realm_access: realmRoles,
        scope: ['profile', 'email', ...scopes].join(' '),
        clientHost: '10.0.0.5',
        email_verified: false,
        preferred_username: `service-account-${client}`,
        clientAddress: '10.0.0.5',
        client_id: client,
        ...claims,
      }),
    idToken: (claims) =>
      sign({
        ...lifetime(),
        auth_time: seconds(),
        jti: randomUUID(),
        iss: issuer.url,
        aud: userClientId,
        sub: userSub,
        typ: 'ID',
        azp: userClientId,
        nonce: opaque(),
        sid,
        at_hash: opaque(),
        acr: '1',
        email_verified: true,
        preferred_username: 'alice',
        ...claims,
      }),
    refreshToken: (signedWith) => {
      const claims = {
        ...lifetime(),
        jti: randomUUID(),
        iss: issuer.url,
        // A refresh token is addressed to the realm itself.
        aud: issuer.url,
        sub: userSub,
        typ: 'Refresh',
        azp: userClientId,
        sid,
        scope: 'openid profile email',
      };
      return signedWith === 'RS256'
        ? sign(claims)
        : Promise.resolve(issuer.forge({ alg: signedWith, typ: 'JWT', kid: randomUUID() }, claims, randomBytes(64)));
    },
    logoutToken: (headerTyp) =>
      issuer.mint({
        withDefaults: false,
        header: { typ: headerTyp },
        claims: {
          ...lifetime(),
          jti: randomUUID(),
          iss: issuer.url,
          aud: userClientId,
          sub: userSub,
          typ: 'Logout',
          sid,
          events: { 'http://schemas.openid.net/event/backchannel-logout': {} },
        },
      }),
  };
}

async function startAuth0(): Promise<LoopbackIdentityProviders['auth0']> {
  const issuer = await TestIssuer.start({ trailingSlash: true, jwksPath: '/.well-known/jwks.json' });
  const userClientId = 'kT9vQ2xLm4RbN7cWp1ZsY8dFh3JgA6eU';
  const machineClientId = 'Hx2Pq7Rt5Vw9Yb3Nc6Md8Lf1Kg4Jh0Sa';
  const userSub = `auth0|${randomBytes(12).toString('hex')}`;
  // With an openid scope the token is also for the tenant's /userinfo: aud is an array.
  const header = { typ: 'JWT' };
  const sign = (claims: Record<string, unknown>): Promise<string> => issuer.mint({ withDefaults: false, header, claims });
  const userAudience = (audience: string): string[] => [audience, `${issuer.url}userinfo`];
  const userToken = (typ: string, { audience, scopes = [], client = userClientId, claims }: TokenRequest): Promise<string> =>
    issuer.mint({
      withDefaults: false,
      header: { typ },
      claims: {
        iss: issuer.url,
        sub: userSub,
        aud: userAudience(audience),
        ...lifetime(),
        scope: 'openid profile email',
        azp: client,
        // RBAC with "Add Permissions in the Access Token": the API's permissions, beside the OIDC scopes.
        permissions: scopes,
        ...claims,
      },
    });
  return {
    name: 'Auth0',
    issuer,
    userClientId,
    machineClientId,
    userAccessToken: (request) => userToken('JWT', request),
    // The RFC 9068 profile: typ at+jwt, client_id for azp, and a jti.
    rfc9068UserAccessToken: ({ client = userClientId, claims, ...request }) =>
      userToken('at+jwt', { ...request, claims: { azp: undefined, client_id: client, jti: opaque(), ...claims } }),
    machineAccessToken: ({ audience, scopes = [], client = machineClientId, claims }) =>
      sign({
        iss: issuer.url,
        sub: `${client}@clients`,
        aud: audience,
        ...lifetime(),
        scope: scopes.join(' '),
        gty: 'client-credentials',
        azp: client,
        permissions: scopes,
        ...claims,
      }),
    idToken: (claims) =>
      sign({
        nickname: 'alice',
        name: 'alice@example.com',
        updated_at: new Date().toISOString(),
        email: 'alice@example.com',
        email_verified: true,
        iss: issuer.url,
        aud: userClientId,
        sub: userSub,
        ...lifetime(),
        sid: opaque(),
        nonce: opaque(),
        ...claims,
      }),
  };
}

async function startOkta(): Promise<LoopbackIdentityProvider> {
  const issuer = await TestIssuer.start({ path: '/oauth2/default', jwksPath: '/oauth2/default/v1/keys' });
  const userClientId = '0oa1b2c3d4EfGhIjK5d7';
  const machineClientId = '0oa9z8y7x6WvUtSrQ5d7';
  const uid = '00u1a2b3c4DeFgHiJ5d7';
  // Okta's tokens have no typ header at all.
  const header = { typ: undefined };
  const sign = (claims: Record<string, unknown>): Promise<string> => issuer.mint({ withDefaults: false, header, claims });
  return {
    name: 'Okta',
    issuer,
    userClientId,
    machineClientId,
    userAccessToken: ({ audience, scopes = [], client = userClientId, claims }) =>
      sign({
        ver: 1,
        jti: `AT.${opaque(32)}`,
        iss: issuer.url,
        aud: audience,
        ...lifetime(),
        cid: client,
        uid,
        scp: ['openid', 'profile', ...scopes],
        auth_time: seconds(),
        sub: 'alice@example.com',
        ...claims,
      }),
    machineAccessToken: ({ audience, scopes = [], client = machineClientId, claims }) =>
      sign({
        ver: 1,
        jti: `AT.${opaque(32)}`,
        iss: issuer.url,
        aud: audience,
        ...lifetime(),
        cid: client,
        scp: scopes,
        // Client credentials: the subject is the client.
        sub: client,
        ...claims,
      }),
    idToken: (claims) =>
      sign({
        sub: uid,
        ver: 1,
        iss: issuer.url,
        aud: userClientId,
        ...lifetime(),
        jti: `ID.${opaque(32)}`,
        amr: ['pwd'],
        idp: '00o1a2b3c4DeFgHiJ5d7',
        nonce: opaque(),
        auth_time: seconds(),
        at_hash: opaque(),
        ...claims,
      }),
  };
}

async function startEntra(): Promise<LoopbackIdentityProvider> {
  const tenantId = '72f988bf-86f1-41af-91ab-2d7cd011db47';
  // Entra's JWKS keys carry kid, x5t and x5c but no alg.
  const issuer = await TestIssuer.start({ path: `/${tenantId}/v2.0`, jwksPath: `/${tenantId}/discovery/v2.0/keys`, jwkAlg: false });
  const userClientId = '2d4f6a8c-1e3b-4d5f-8a7c-9e0b1c2d3e4f';
  const machineClientId = '8b7a6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d';
  const userOid = '00000000-0000-0000-66f3-3332eca7ea81';
  const servicePrincipalOid = '3f2e1d0c-9b8a-4f6e-8d5c-4b3a29180f7e';
  const header = { typ: 'JWT' };
  const sign = (claims: Record<string, unknown>): Promise<string> => issuer.mint({ withDefaults: false, header, claims });
  const common = (audience: string) => ({
    aud: audience,
    iss: issuer.url,
    ...lifetime(),
    nbf: seconds(),
    aio: opaque(48),
    rh: `0.${opaque(40)}.`,
    tid: tenantId,
    uti: opaque(16),
    ver: '2.0',
  });
  return {
    name: 'Entra ID',
    issuer,
    userClientId,
    machineClientId,
    userAccessToken: ({ audience, scopes = [], client = userClientId, claims }) =>
      sign({
        ...common(audience),
        azp: client,
        azpacr: '0',
        name: 'Alice Doe',
        oid: userOid,
        preferred_username: 'alice@contoso.com',
        // Delegated permissions: one space-separated string.
        scp: scopes.join(' '),
        // A pairwise subject, never the oid.
        sub: opaque(32),
        ...claims,
      }),
    machineAccessToken: ({ audience, scopes = [], client = machineClientId, claims }) =>
      sign({
        ...common(audience),
        azp: client,
        azpacr: '1',
        // The idtyp optional claim, when the API's registration asks for it.
        idtyp: 'app',
        oid: servicePrincipalOid,
        // Application permissions are app roles; there is no scp.
        roles: scopes,
        sub: servicePrincipalOid,
        ...claims,
      }),
    idToken: (claims) =>
      sign({
        ...common(userClientId),
        name: 'Alice Doe',
        nonce: opaque(),
        oid: userOid,
        preferred_username: 'alice@contoso.com',
        sub: opaque(32),
        ...claims,
      }),
  };
}

async function startCognito(): Promise<LoopbackIdentityProvider> {
  const pool = 'eu-west-1_AbC123xyz';
  const issuer = await TestIssuer.start({ path: `/${pool}`, jwksPath: `/${pool}/.well-known/jwks.json` });
  const userClientId = '4f2k8q1m7n3p9r5t6v0w2x4y6z';
  const machineClientId = '1a3c5e7g9i2k4m6o8q0s2u4w6y';
  const userSub = randomUUID();
  // Cognito's tokens have no typ header; access tokens have no aud.
  const header = { typ: undefined };
  const sign = (claims: Record<string, unknown>): Promise<string> => issuer.mint({ withDefaults: false, header, claims });
  const prefixed = (resourceServer: string, scopes: readonly string[]): string[] => scopes.map((scope) => `${resourceServer}/${scope}`);
  return {
    name: 'Cognito',
    issuer,
    userClientId,
    machineClientId,
    userAccessToken: ({ audience, scopes = [], client = userClientId, claims }) =>
      sign({
        sub: userSub,
        'cognito:groups': ['customers'],
        iss: issuer.url,
        version: 2,
        client_id: client,
        origin_jti: randomUUID(),
        event_id: randomUUID(),
        token_use: 'access',
        scope: ['openid', 'email', ...prefixed(audience, scopes)].join(' '),
        auth_time: seconds(),
        ...lifetime(),
        jti: randomUUID(),
        username: 'alice',
        ...claims,
      }),
    machineAccessToken: ({ audience, scopes = [], client = machineClientId, claims }) =>
      sign({
        // Client credentials: the subject is the app client.
        sub: client,
        token_use: 'access',
        scope: prefixed(audience, scopes).join(' '),
        auth_time: seconds(),
        iss: issuer.url,
        ...lifetime(),
        version: 2,
        jti: randomUUID(),
        client_id: client,
        ...claims,
      }),
    idToken: (claims) =>
      sign({
        at_hash: opaque(),
        sub: userSub,
        email_verified: true,
        iss: issuer.url,
        'cognito:username': 'alice',
        origin_jti: randomUUID(),
        aud: userClientId,
        event_id: randomUUID(),
        token_use: 'id',
        auth_time: seconds(),
        ...lifetime(),
        jti: randomUUID(),
        email: 'alice@example.com',
        ...claims,
      }),
  };
}
