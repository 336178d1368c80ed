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

  it('falls back to RFC 8414 metadata and fails, naming the issuer, when neither document exists', async () => {
    await expect(discoverJwksUri(`${issuer.url}/tenant`)).rejects.toThrow(
      `no discovery document for issuer ${issuer.url}/tenant: ${issuer.url}/tenant/.well-known/oauth-authorization-server answered 404`,
    );
    expect(issuer.otherRequests).toEqual(['/tenant/.well-known/openid-configuration', '/tenant/.well-known/oauth-authorization-server']);
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
