import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TestIssuer } from '../../../testing/test-issuer';
import { discoverJwksUri } from './discover-jwks-uri';

let issuer: TestIssuer;

beforeAll(async () => {
  issuer = await TestIssuer.start();
});

afterAll(async () => {
  await issuer.stop();
});

describe('discoverJwksUri', () => {
  it("reads jwks_uri from the issuer's OpenID discovery document", async () => {
    await expect(discoverJwksUri(issuer.url)).resolves.toBe(issuer.jwksUri);
  });

  it('refuses a discovery document whose issuer differs from the configured one, even by a trailing slash', async () => {
    await expect(discoverJwksUri(`${issuer.url}/`)).rejects.toThrow(
      `discovery document at ${issuer.url}/.well-known/openid-configuration names issuer "${issuer.url}", expected "${issuer.url}/"`,
    );
  });

  it('fails, naming the issuer and the location, when there is no discovery document', async () => {
    await expect(discoverJwksUri(`${issuer.url}/tenant`)).rejects.toThrow(
      `no discovery document for issuer ${issuer.url}/tenant: ${issuer.url}/tenant/.well-known/openid-configuration answered 404`,
    );
    expect(issuer.otherRequests).toEqual(['/tenant/.well-known/openid-configuration']);
  });

  it('reads the document of an issuer with one trailing slash (Auth0) without doubling the slash', async () => {
    const paths: string[] = [];
    const server = createServer((req, res) => {
      paths.push(req.url ?? '');
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      res.setHeader('content-type', 'application/json').end(JSON.stringify({ issuer: `${base}/`, jwks_uri: `${base}/jwks` }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      await expect(discoverJwksUri(`${base}/`)).resolves.toBe(`${base}/jwks`);
      expect(paths).toEqual(['/.well-known/openid-configuration']);
    } finally {
      server.close();
    }
  });

  it('fails when the issuer is unreachable', async () => {
    issuer.unreachable = true;
    try {
      await expect(discoverJwksUri(issuer.url)).rejects.toThrow('fetch failed');
    } finally {
      issuer.unreachable = false;
    }
  });
});
