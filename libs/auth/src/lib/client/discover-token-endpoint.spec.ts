import { discoverTokenEndpoint } from './discover-token-endpoint';
import { closedPortUrl, json, LoopbackTokenServer } from './test/loopback-servers';

let server: LoopbackTokenServer;

beforeEach(async () => {
  server = await LoopbackTokenServer.start();
});

afterEach(async () => {
  await server.stop();
});

describe('discoverTokenEndpoint', () => {
  it("reads token_endpoint from the issuer's OpenID discovery document", async () => {
    await expect(discoverTokenEndpoint(server.issuer)).resolves.toBe(server.tokenEndpoint);
    expect(server.discoveryRequests).toHaveLength(1);
  });

  it('refuses a document whose issuer differs from the configured one, even by a trailing slash', async () => {
    await expect(discoverTokenEndpoint(`${server.issuer}/`)).rejects.toMatchObject({
      code: 'discovery_failed',
      errorDescription: `the discovery document at ${server.issuer}/.well-known/openid-configuration names issuer "${server.issuer}", expected "${server.issuer}/"`,
    });
  });

  it('fails with discovery_failed when there is no document, and network_error when the issuer is unreachable', async () => {
    await expect(discoverTokenEndpoint(`${server.issuer}/tenant`)).rejects.toMatchObject({ code: 'discovery_failed', status: 404 });
    await expect(discoverTokenEndpoint(await closedPortUrl())).rejects.toMatchObject({ code: 'network_error' });
  });

  it.each([
    ['is not JSON', { status: 200, body: '<html></html>' }, 'did not answer with JSON'],
    ['has no token_endpoint', json(200, { issuer: 'ISSUER' }), 'has no absolute token_endpoint'],
    ['has a relative token_endpoint', json(200, { issuer: 'ISSUER', token_endpoint: '/token' }), 'has no absolute token_endpoint'],
    ['redirects', { status: 302, headers: { location: 'http://127.0.0.1:9/' } }, 'answered 302'],
  ])('fails with discovery_failed when the document %s', async (_, answer, problem) => {
    server.discoveryAnswer = { ...answer, body: answer.body?.replace('ISSUER', server.issuer) };
    const error: unknown = await discoverTokenEndpoint(server.issuer).catch((reason: unknown) => reason);
    expect(error).toMatchObject({ code: 'discovery_failed', errorDescription: expect.stringContaining(problem) });
  });
});
