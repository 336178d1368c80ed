import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CannedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/** What a loopback server received, for assertions. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

abstract class LoopbackServer {
  readonly requests: RecordedRequest[] = [];
  /** Answers are held back this long, so concurrent callers really overlap. */
  delayMs = 0;
  protected url = '';
  private readonly server: Server = createServer((req, res) => void this.receive(req, res));

  protected async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  protected abstract answer(request: RecordedRequest): CannedResponse;

  private async receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    this.requests.push(request);
    const { status, headers, body } = this.answer(request);
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (!res.destroyed) res.writeHead(status, headers).end(body);
  }
}

/**
 * An authorization server playing its part in the client-credentials grant: a discovery
 * document, and a token endpoint that checks `client_secret_basic` the way oidc-provider does
 * (form-decoding id and secret) and issues JWT-shaped, unsigned tokens (the client never verifies).
 */
export class LoopbackTokenServer extends LoopbackServer {
  clientId = 'job-runner';
  clientSecret = 'job-runner-secret';
  /** The `issuer` the discovery document names; default: the server's own URL. */
  discoveryIssuer: string | undefined;
  /** Replaces the discovery document's answer altogether. */
  discoveryAnswer: CannedResponse | undefined;
  /** Fields of a successful token response to replace (or drop, with undefined). */
  tokenFields: Record<string, unknown> = {};
  /** Replaces the token endpoint's answer altogether. */
  tokenAnswer: ((request: RecordedRequest) => CannedResponse) | undefined;
  private issuedCount = 0;

  static start(): Promise<LoopbackTokenServer> {
    return new LoopbackTokenServer().listen();
  }

  get issuer(): string {
    return this.url;
  }

  get tokenEndpoint(): string {
    return `${this.url}/oauth/token`;
  }

  get tokenRequests(): RecordedRequest[] {
    return this.requests.filter((request) => request.path === '/oauth/token');
  }

  get discoveryRequests(): RecordedRequest[] {
    return this.requests.filter((request) => request.path === '/.well-known/openid-configuration');
  }

  /** The form parameters of the n-th token request. */
  tokenParams(n = 0): Record<string, string> {
    return Object.fromEntries(new URLSearchParams(this.tokenRequests[n]?.body ?? ''));
  }

  protected answer(request: RecordedRequest): CannedResponse {
    if (request.path === '/.well-known/openid-configuration') {
      return this.discoveryAnswer ?? json(200, { issuer: this.discoveryIssuer ?? this.url, token_endpoint: this.tokenEndpoint });
    }
    if (request.path !== '/oauth/token' || request.method !== 'POST') {
      return { status: 404 };
    }
    if (this.tokenAnswer) {
      return this.tokenAnswer(request);
    }
    const [scheme, credentials = ''] = (request.headers.authorization ?? '').split(' ');
    const [id, secret] = Buffer.from(credentials, 'base64').toString('utf8').split(':').map(formDecode);
    if (scheme !== 'Basic' || id !== this.clientId || secret !== this.clientSecret) {
      return json(
        401,
        { error: 'invalid_client', error_description: 'client authentication failed' },
        { 'www-authenticate': 'Basic realm="test"' },
      );
    }
    const params = new URLSearchParams(request.body);
    this.issuedCount += 1;
    const claims = {
      iss: this.url,
      sub: this.clientId,
      client_id: this.clientId,
      aud: params.get('audience') ?? params.get('resource')?.replace(/^urn:/, ''),
      scope: 'read:orders:any write:orders:status',
      exp: Math.floor(Date.now() / 1000) + 600,
      jti: `token-${this.issuedCount}`,
    };
    const accessToken = `${b64(JSON.stringify({ alg: 'RS256', typ: 'at+jwt' }))}.${b64(JSON.stringify(claims))}.c2lnbmF0dXJl`;
    const body = { access_token: accessToken, token_type: 'Bearer', expires_in: 600, scope: claims.scope, ...this.tokenFields };
    return json(200, Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)));
  }
}

/** An API that answers each call with the next canned response (the last one repeats). */
export class LoopbackApiServer extends LoopbackServer {
  answers: CannedResponse[] = [json(200, { ok: true })];

  static start(): Promise<LoopbackApiServer> {
    return new LoopbackApiServer().listen();
  }

  get baseUrl(): string {
    return this.url;
  }

  /** The bearer token of each call, in order. */
  get bearerTokens(): (string | undefined)[] {
    return this.requests.map((request) => request.headers.authorization?.replace(/^Bearer /, ''));
  }

  protected answer(): CannedResponse {
    return this.answers[Math.min(this.requests.length - 1, this.answers.length - 1)];
  }
}

/** A loopback port nothing listens on. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): CannedResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function formDecode(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, ' '));
}
