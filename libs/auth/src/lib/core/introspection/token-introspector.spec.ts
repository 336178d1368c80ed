import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DependencyUnavailableError } from '../auth-error';
import { TokenIntrospector } from './token-introspector';

// A real RFC 7662 endpoint on loopback whose answer each test sets.
let server: Server;
let url: string;
let answer: (req: IncomingMessage, body: string, res: ServerResponse) => void;
const requests: { authorization: string | undefined; contentType: string | undefined; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      requests.push({ authorization: req.headers.authorization, contentType: req.headers['content-type'], body });
      answer(req, body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/token/introspection`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

beforeEach(() => {
  requests.length = 0;
  answer = (_req, _body, res) => json(res, 200, { active: true, sub: 'alice' });
});

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

function introspector(options: { timeoutMs?: number; errors?: string[] } = {}): TokenIntrospector {
  return new TokenIntrospector({
    url,
    clientId: 'orders api',
    clientSecret: 's3cr:t&+',
    timeoutMs: options.timeoutMs,
    onError: (message) => options.errors?.push(message),
  });
}

async function unavailable(promise: Promise<unknown>): Promise<DependencyUnavailableError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof DependencyUnavailableError)) throw new Error(`expected DependencyUnavailableError, got ${String(error)}`);
  expect(error).toMatchObject({ status: 503, reason: 'introspection_unavailable' });
  return error;
}

describe('TokenIntrospector', () => {
  it('posts the token as a form with client_secret_basic, id and secret form-encoded first (RFC 6749 2.3.1)', async () => {
    await expect(introspector().introspect('opaque-token')).resolves.toEqual({ active: true, sub: 'alice' });
    expect(requests).toEqual([
      {
        authorization: `Basic ${Buffer.from('orders%20api:s3cr%3At%26%2B').toString('base64')}`,
        contentType: 'application/x-www-form-urlencoded',
        body: 'token=opaque-token&token_type_hint=access_token',
      },
    ]);
  });

  it('returns an inactive answer as it is', async () => {
    answer = (_req, _body, res) => json(res, 200, { active: false });
    await expect(introspector().introspect('revoked')).resolves.toEqual({ active: false });
  });

  it('shares one request between concurrent callers of one token', async () => {
    const subject = introspector();
    await Promise.all([subject.introspect('same'), subject.introspect('same'), subject.introspect('other')]);
    expect(requests.map((request) => request.body)).toEqual([
      'token=same&token_type_hint=access_token',
      'token=other&token_type_hint=access_token',
    ]);
  });

  it("is unavailable on a 5xx, with the endpoint's Retry-After, and says why without the token or the secret", async () => {
    const errors: string[] = [];
    answer = (_req, _body, res) => json(res, 503, { error: 'down' }, { 'retry-after': '7' });
    expect((await unavailable(introspector({ errors }).introspect('secret-token'))).retryAfterS).toBe(7);
    expect(errors).toEqual([`the introspection endpoint ${url} answered 503`]);
    expect(errors.join()).not.toMatch(/secret-token|s3cr/);
  });

  it('is unavailable when its own credentials are refused (401): a misconfiguration, not a bad token', async () => {
    answer = (_req, _body, res) => json(res, 401, { error: 'invalid_client' });
    expect((await unavailable(introspector().introspect('t'))).retryAfterS).toBe(5);
  });

  it.each([
    ['not JSON', 'active'],
    ['a JSON array', '[true]'],
    ['an object without a boolean active', '{"active":"true"}'],
    ['larger than 64 KiB', JSON.stringify({ active: true, pad: 'x'.repeat(70_000) })],
  ])('is unavailable when the answer is %s', async (_case, body) => {
    answer = (_req, _body, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    await unavailable(introspector().introspect('t'));
  });

  it('is unavailable when the endpoint is slower than the timeout, or unreachable', async () => {
    const errors: string[] = [];
    answer = () => undefined;
    await unavailable(introspector({ timeoutMs: 200, errors }).introspect('t'));
    const closed = new TokenIntrospector({
      url: 'http://127.0.0.1:1/introspect',
      clientId: 'a',
      clientSecret: 'b',
      onError: (m) => errors.push(m),
    });
    await unavailable(closed.introspect('t'));
    expect(errors).toEqual([
      `the introspection endpoint ${url} did not answer in time`,
      'the introspection endpoint http://127.0.0.1:1/introspect could not be reached',
    ]);
  });
});
