import { errors, type AdapterConstructor, type ClientMetadata, type Configuration, type JWK, type KoaContextWithOIDC } from 'oidc-provider';
import {
  deviceCodeInputPage,
  deviceConfirmPage,
  deviceInputErrorMessage,
  deviceSuccessPage,
  errorPage,
  logoutPage,
  logoutSuccessPage,
  pageContentSecurityPolicy,
} from '../pages';
import type { UserDirectory } from '../users/user-directory';
import { type ApiResource, clientScopesForApi, resolveRequestedApi, TargetError } from './api-registry';
import { mayIntrospect } from './introspection-policy';

export interface OidcConfigurationInput {
  readonly adapter: AdapterConstructor;
  readonly apis: readonly ApiResource[];
  readonly clients: readonly ClientMetadata[];
  readonly users: UserDirectory;
  /** Published private keys, the signing key first. */
  readonly keys: readonly JWK[];
  /** The kid that signs now (read on every token: rotation needs no rebuild to switch). */
  readonly signingKid: () => string | undefined;
  readonly cookieKeys: readonly string[];
  readonly accessTokenTtlS: number;
  /** Audiences of the APIs whose access tokens are opaque (stored, introspectable, revocable) instead of JWTs. */
  readonly opaqueTokenApis: readonly string[];
}

/** ID tokens live an hour; signing keys stay published at least that long after they retire. */
export const ID_TOKEN_TTL_S = 3600;

/**
 * The oidc-provider configuration of this authorization server: which grants and features are
 * on, how APIs (resource indicators) map to audiences and scopes, and the project's own pages.
 */
export function oidcConfiguration(input: OidcConfigurationInput): Configuration {
  const apiScopes = input.apis.flatMap((api) => api.scopes);
  const clientOrigins = new Map(
    input.clients.map((client) => [client.client_id, new Set((client.redirect_uris ?? []).map((uri) => new URL(uri).origin))]),
  );

  return {
    adapter: input.adapter,
    clients: [...input.clients],
    jwks: { keys: [...input.keys] },
    cookies: { keys: [...input.cookieKeys] },
    // API scopes are listed so that asking for one the client may not have is invalid_scope, not silently dropped.
    scopes: ['openid', 'offline_access', 'profile', 'email', ...apiScopes],
    claims: { openid: ['sub'], profile: ['name'], email: ['email', 'email_verified'] },
    // An opaque client-credentials token introspects with sub = client_id, as its JWT form carries
    // it: resource servers tell machine tokens by it.
    extraTokenClaims: (_ctx, token) => (token.kind === 'ClientCredentials' ? { sub: token.clientId } : undefined),
    findAccount: (_ctx, sub) => {
      const user = input.users.find(sub);
      if (!user) return undefined;
      return { accountId: user.sub, claims: () => ({ sub: user.sub, name: user.name, email: user.email, email_verified: false }) };
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // PKCE (S256, the only method oidc-provider 9 supports) for every authorization code, confidential clients too (OAuth 2.1).
    pkce: { required: () => true },
    extraParams: ['audience'],
    // Authorization code only: no implicit or hybrid flows (tokens in URLs), as OAuth 2.1 and the BCP advise.
    responseTypes: ['code', 'none'],
    clientAuthMethods: ['client_secret_basic', 'client_secret_post', 'private_key_jwt', 'none'],
    ttl: {
      AccessToken: input.accessTokenTtlS,
      ClientCredentials: input.accessTokenTtlS,
      AuthorizationCode: 60,
      DeviceCode: 600,
      IdToken: ID_TOKEN_TTL_S,
      Interaction: 3600,
      Session: 14 * 24 * 3600,
      Grant: 14 * 24 * 3600,
      RefreshToken: 14 * 24 * 3600,
    },
    // Browser apps may call the token endpoint from the origins of their redirect URIs, no others.
    clientBasedCORS: (_ctx, origin, client) => clientOrigins.get(client.clientId)?.has(origin) ?? false,
    renderError: (ctx, out) => {
      renderPage(ctx, errorPage({ title: 'Something went wrong', message: out.error_description ?? out.error }));
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      // A client introspects its own tokens, an API's resource server the access tokens for that API
      // (oidc-provider's default lets any confidential client introspect any token).
      introspection: { enabled: true, allowedPolicy: (_ctx, client, token) => mayIntrospect(input.apis, client, token) },
      // Only the client a token was issued to ends it: the API reads tokens, the user's app signs out.
      revocation: { enabled: true, allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId },
      deviceFlow: {
        enabled: true,
        userCodeInputSource: (ctx, form, _out, error) => {
          renderPage(ctx, deviceCodeInputPage({ formHtml: form, error: deviceInputErrorMessage(error) }));
        },
        userCodeConfirmSource: (ctx, form, client, _deviceInfo, userCode) => {
          renderPage(ctx, deviceConfirmPage({ formHtml: form, clientName: client.clientName ?? client.clientId, userCode }));
        },
        successSource: (ctx) => {
          const client = ctx.oidc.client;
          renderPage(ctx, deviceSuccessPage({ clientName: client?.clientName ?? client?.clientId ?? 'your device' }));
        },
      },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          const returnTo = ctx.oidc.params?.['post_logout_redirect_uri'];
          renderPage(ctx, logoutPage({ formHtml: form, host: ctx.host }), typeof returnTo === 'string' ? [returnTo] : []);
        },
        postLogoutSuccessSource: (ctx) => {
          const client = ctx.oidc.client;
          renderPage(ctx, logoutSuccessPage({ clientName: client?.clientName ?? client?.clientId }));
        },
      },
      resourceIndicators: {
        enabled: true,
        // `audience=orders-api` names the API as `resource=urn:orders-api` would.
        defaultResource: (ctx) => {
          const api = asProviderError(() => resolveRequestedApi(input.apis, { audience: audienceParameter(ctx) }));
          return api?.identifier;
        },
        // A token request without `resource` gets the API the authorization named (else an opaque userinfo token).
        useGrantedResource: () => true,
        getResourceServerInfo: (ctx, identifier, client) => {
          const params = ctx.oidc.params ?? {};
          const api = asProviderError(() =>
            resolveRequestedApi(input.apis, {
              resource: (params['resource'] as string | string[] | undefined) ?? identifier,
              audience: audienceParameter(ctx),
            }),
          );
          if (!api) throw new errors.InvalidTarget();
          const allowed = asProviderError(() => clientScopesForApi(api, client.scope));
          const requested = typeof params['scope'] === 'string' ? params['scope'].split(' ').filter(Boolean) : [];
          const foreign = requested.find((scope) => apiScopes.includes(scope) && !api.scopes.includes(scope));
          if (foreign) {
            throw new errors.InvalidScope(`${foreign} is not a scope of ${api.audience}`, foreign);
          }
          if (params['grant_type'] === 'client_credentials' && requested.length === 0) {
            // As Auth0 does: no `scope` means every scope of this API the client may have.
            params['scope'] = allowed.join(' ');
          }
          const info = { scope: api.scopes.join(' '), audience: api.audience, accessTokenTTL: input.accessTokenTtlS };
          if (input.opaqueTokenApis.includes(api.audience)) return { ...info, accessTokenFormat: 'opaque' };
          const kid = input.signingKid();
          return { ...info, accessTokenFormat: 'jwt', jwt: { sign: kid ? { alg: 'RS256', kid } : { alg: 'RS256' } } };
        },
      },
    },
  };
}

/**
 * The `audience` parameter: oidc-provider passes extra parameters through on authorization
 * requests only, so on the token endpoint it is read from the form body.
 */
function audienceParameter(ctx: KoaContextWithOIDC): string | string[] | undefined {
  const fromParams = ctx.oidc.params?.['audience'];
  const body = (ctx.oidc as { body?: Record<string, unknown> }).body;
  const value = fromParams ?? body?.['audience'];
  return typeof value === 'string' || Array.isArray(value) ? (value as string | string[]) : undefined;
}

/** `formRedirectTargets`: where a form post may be redirected to (Chrome and Safari check `form-action` on redirects). */
function renderPage(ctx: KoaContextWithOIDC, html: string, formRedirectTargets: readonly string[] = []): void {
  ctx.type = 'html';
  ctx.set('Content-Security-Policy', pageContentSecurityPolicy(formRedirectTargets));
  ctx.set('Cache-Control', 'no-store');
  ctx.body = html;
}

/** Turns a TargetError into the oidc-provider error with the same OAuth code. */
function asProviderError<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof TargetError)) throw error;
    if (error.code === 'invalid_scope') throw new errors.InvalidScope(error.message, '');
    throw new errors.InvalidTarget(error.message);
  }
}
