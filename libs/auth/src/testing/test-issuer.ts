import { createHmac, type KeyObject, randomUUID, sign } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, SignJWT, type KeyLike } from 'jose';

interface SigningKey {
  readonly kid: string;
  readonly alg: string;
  readonly privateKey: KeyLike;
  readonly publicJwk: JWK;
}

export interface MintOptions {
  /** Claims to add or override; a claim set to `undefined` is left out. */
  claims?: Record<string, unknown>;
  /** Header fields to add or override; a field set to `undefined` is left out. */
  header?: Record<string, unknown>;
  /** Sign with this key of the issuer (default: the first one). */
  kid?: string;
  /** Seconds from now; default 600. */
  expiresInS?: number;
  /**
   * `false`: sign exactly `claims` and `header` (plus `alg` and `kid`), without the defaults above:
   * for tokens shaped as another identity provider issues them. Default `true`.
   */
  withDefaults?: boolean;
}

export interface TestIssuerOptions {
  /** The `aud` of minted tokens; default `orders-api`. */
  audience?: string;
  /** Signing keys generated at start; default 1. */
  keys?: number;
  /** The issuer URL's path, as most identity providers have one: `/realms/acme`, `/oauth2/default`. */
  path?: string;
  /** End the issuer URL with "/", as Auth0's `https://tenant.auth0.com/` does. */
  trailingSlash?: boolean;
  /** Where the JWKS is served, below the origin; default `<path>/jwks.json`. Each IdP has its own place. */
  jwksPath?: string;
  /** `false`: publish keys without `alg`, as Entra ID does. Default `true`. */
  jwkAlg?: boolean;
}

/**
 * A real issuer for tests: RSA keys generated at start, a JWKS and an OpenID discovery
 * document served over HTTP on loopback, and a minter of RFC 9068 access tokens.
 * Records the requests it serves, and can be switched off to play an unreachable issuer.
 * The issuer URL may have a path and a trailing slash, as other identity providers' do.
 *
 * @example
 * const issuer = await TestIssuer.start({ audience: 'orders-api' });
 * const token = await issuer.mint({ claims: { scope: 'read:orders' } });
 * const keycloak = await TestIssuer.start({ path: '/realms/acme', jwksPath: '/realms/acme/protocol/openid-connect/certs' });
 */
export class TestIssuer {
  jwksRequests = 0;
  /** Requests for any path other than discovery and JWKS (a `jku` probe, for example). */
  readonly otherRequests: string[] = [];
  /** The path of every request served, discovery and JWKS included, in order. */
  readonly requests: string[] = [];
  unreachable = false;
  private readonly keys: SigningKey[] = [];

  private constructor(
    private readonly server: Server,
    /** `http://127.0.0.1:<port>`, without the issuer's path. */
    readonly origin: string,
    readonly url: string,
    readonly audience: string,
    private readonly jwksPath: string,
    private readonly jwkAlg: boolean,
  ) {}

  static async start(options: TestIssuerOptions = {}): Promise<TestIssuer> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const origin = `http://127.0.0.1:${port}`;
    const path = options.path ?? '';
    const issuer = new TestIssuer(
      server,
      origin,
      `${origin}${path}${options.trailingSlash ? '/' : ''}`,
      options.audience ?? 'orders-api',
      options.jwksPath ?? `${path}/jwks.json`,
      options.jwkAlg ?? true,
    );
    server.on('request', (req: IncomingMessage, res: ServerResponse) => issuer.handle(req, res));
    for (let i = 0; i < (options.keys ?? 1); i += 1) {
      await issuer.addKey();
    }
    return issuer;
  }

  get jwksUri(): string {
    return `${this.origin}${this.jwksPath}`;
  }

  /** Where the discovery document is: the issuer URL without one trailing "/", then `/.well-known/openid-configuration`. */
  get discoveryUri(): string {
    return `${this.url.endsWith('/') ? this.url.slice(0, -1) : this.url}/.well-known/openid-configuration`;
  }

  get kids(): string[] {
    return this.keys.map((key) => key.kid);
  }

  /** Generates a new key (RS256 unless `alg` says otherwise: PS256, ES256, ...) and publishes it. */
  async addKey(kid = `key-${randomUUID()}`, alg = 'RS256'): Promise<string> {
    const { privateKey, publicKey } = await generateKeyPair(alg, { modulusLength: 2048 });
    const publicJwk = { ...(await exportJWK(publicKey)), kid, ...(this.jwkAlg ? { alg } : {}), use: 'sig' };
    this.keys.push({ kid, alg, privateKey, publicJwk });
    return kid;
  }

  /**
   * Generates an RSA key and publishes it for encryption (`use: "enc"`, `alg: "RSA-OAEP"`), as
   * Keycloak does beside its signing keys. It can still sign (`mint({ kid })`): a verifier must
   * not take an encryption key for a signing key.
   */
  async addEncryptionKey(kid = `enc-${randomUUID()}`): Promise<string> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048 });
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RSA-OAEP', use: 'enc' };
    this.keys.push({ kid, alg: 'RS256', privateKey, publicJwk });
    return kid;
  }

  /** Stops publishing a key (it can still sign, as a retired or stolen key would). */
  unpublish(kid: string): void {
    const key = this.key(kid);
    this.unpublished.add(key.kid);
  }

  /** The published public JWK of a key. */
  publicJwk(kid = this.kids[0]): JWK {
    return this.key(kid).publicJwk;
  }

  /** A signed access token with sensible defaults (`typ: at+jwt`, the key's algorithm, 10 minutes). */
  async mint(options: MintOptions = {}): Promise<string> {
    const key = this.key(options.kid ?? this.kids[0]);
    if (options.withDefaults === false) {
      const header = withoutUndefined({ alg: key.alg, kid: key.kid, ...options.header });
      return new SignJWT(withoutUndefined(options.claims ?? {})).setProtectedHeader(header as { alg: string }).sign(key.privateKey);
    }
    const now = Math.floor(Date.now() / 1000);
    const claims = withoutUndefined({
      iss: this.url,
      sub: 'user-123',
      aud: this.audience,
      client_id: 'test-client',
      scope: '',
      iat: now,
      exp: now + (options.expiresInS ?? 600),
      jti: randomUUID(),
      ...options.claims,
    });
    const header = withoutUndefined({ alg: key.alg, typ: 'at+jwt', kid: key.kid, ...options.header });
    return new SignJWT(claims).setProtectedHeader(header as { alg: string }).sign(key.privateKey);
  }

  /**
   * A token signed by hand with HMAC (or unsigned when `secret` is undefined and alg is none):
   * the shape of algorithm-confusion attacks, which jose refuses to produce.
   */
  forge(header: Record<string, unknown>, claims: Record<string, unknown>, secret?: string | Buffer): string {
    const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
    if (secret === undefined) {
      return `${signingInput}.`;
    }
    const hash = String(header['alg']).toUpperCase().replace('HS', 'sha');
    return `${signingInput}.${createHmac(hash, secret).update(signingInput).digest('base64url')}`;
  }

  /**
   * An RS256 token signed with one of the issuer's keys exactly as given, header included: for
   * headers jose refuses to write (an unknown `crit`, say).
   */
  signRaw(header: Record<string, unknown>, claims: Record<string, unknown>, kid = this.kids[0]): string {
    const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
    const signature = sign('sha256', Buffer.from(signingInput), this.key(kid).privateKey as KeyObject);
    return `${signingInput}.${signature.toString('base64url')}`;
  }

  /** The default claims of `mint`, for building forged tokens. */
  defaultClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    const now = Math.floor(Date.now() / 1000);
    return withoutUndefined({
      iss: this.url,
      sub: 'user-123',
      aud: this.audience,
      client_id: 'test-client',
      iat: now,
      exp: now + 600,
      ...overrides,
    });
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private readonly unpublished = new Set<string>();

  private key(kid: string): SigningKey {
    const key = this.keys.find((k) => k.kid === kid);
    if (!key) {
      throw new Error(`TestIssuer has no key ${kid}`);
    }
    return key;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    if (this.unreachable) {
      res.destroy();
      return;
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    this.requests.push(path);
    if (`${this.origin}${path}` === this.discoveryUri) {
      this.json(res, { issuer: this.url, jwks_uri: this.jwksUri });
    } else if (path === this.jwksPath) {
      this.jwksRequests += 1;
      this.json(res, { keys: this.keys.filter((k) => !this.unpublished.has(k.kid)).map((k) => k.publicJwk) });
    } else {
      this.otherRequests.push(path);
      res.writeHead(404).end();
    }
  }

  private json(res: ServerResponse, body: unknown): void {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}
