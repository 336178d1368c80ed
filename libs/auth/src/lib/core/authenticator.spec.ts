import { TestIssuer } from '../../testing/test-issuer';
import { resolveAuthOptions } from './access-token-policy';
import { generateApiKey } from './api-keys/api-key-format';
import { hashApiKeySecret } from './api-keys/api-key-hash';
import { ApiKeyVerifier } from './api-keys/api-key-verifier';
import { Authenticator } from './authenticator';
import { JwksKeyStore } from './jwks/jwks-key-store';
import type { AuthMethod } from './principal';

const PEPPER = 'a-server-side-pepper-of-32-chars!';
const BOTH: readonly AuthMethod[] = ['bearer', 'api_key'];
let issuer: TestIssuer;

beforeAll(async () => {
  issuer = await TestIssuer.start();
});

afterAll(async () => {
  await issuer.stop();
});

function setUp() {
  const policy = resolveAuthOptions({ issuer: issuer.url, audience: 'orders-api', jwksUri: issuer.jwksUri });
  const keys = new JwksKeyStore({ jwksUri: () => Promise.resolve(issuer.jwksUri), cacheMaxAgeMs: 600_000, refetchIntervalMs: 30_000 });
  const key = generateApiKey();
  const record = {
    id: key.id,
    clientId: 'acme',
    secretHash: hashApiKeySecret(key.secret, PEPPER),
    scopes: ['read:orders'],
    rateLimitPerMinute: 600,
    expiresAt: null,
    retiredUntil: null,
    revokedAt: null,
  };
  const apiKeys = new ApiKeyVerifier({ lookup: { findById: (id) => Promise.resolve(id === key.id ? record : undefined) }, pepper: PEPPER });
  const accepted: string[] = [];
  const authenticator = new Authenticator({ policy, keys, apiKeys, onApiKeyAccepted: (id) => accepted.push(id) });
  return { authenticator, key, accepted };
}

describe('Authenticator', () => {
  it('verifies a bearer token once, then answers the same Authorization header from memory', async () => {
    const { authenticator } = setUp();
    const headers = { authorization: `Bearer ${await issuer.mint({ claims: { scope: 'read:orders' } })}` };
    expect(authenticator.cached(headers, ['bearer'])).toBeUndefined();
    const principal = await authenticator.authenticate(headers, ['bearer']);
    expect(principal).toMatchObject({ sub: 'user-123', scopes: ['read:orders'], authMethod: 'bearer' });
    expect(authenticator.cached(headers, ['bearer'])).toBe(principal);
  });

  it('does not cache a refused token', async () => {
    const { authenticator } = setUp();
    const headers = { authorization: `Bearer ${await issuer.mint({ expiresInS: -120 })}` };
    await expect(authenticator.authenticate(headers, ['bearer'])).rejects.toMatchObject({ reason: 'expired' });
    expect(authenticator.cached(headers, ['bearer'])).toBeUndefined();
  });

  it('checks an API key where keys are accepted and the request sends one, counting each accepted request', async () => {
    const { authenticator, key, accepted } = setUp();
    const headers = { 'x-api-key-id': key.id, 'x-api-key': key.secret };
    await expect(authenticator.authenticate(headers, BOTH)).resolves.toMatchObject({
      sub: 'acme',
      authMethod: 'api_key',
      apiKeyId: key.id,
    });
    expect(authenticator.cached(headers, BOTH)).toMatchObject({ apiKeyId: key.id });
    expect(accepted).toEqual([key.id, key.id]);
  });

  it('checks a bearer token where both are accepted and no API-key header is sent', async () => {
    const { authenticator } = setUp();
    const headers = { authorization: `Bearer ${await issuer.mint()}` };
    await expect(authenticator.authenticate(headers, BOTH)).resolves.toMatchObject({ authMethod: 'bearer' });
  });

  it('never checks an API key on a bearer-only route: the request is a missing bearer token', async () => {
    const { authenticator, key } = setUp();
    const headers = { 'x-api-key-id': key.id, 'x-api-key': key.secret };
    await expect(authenticator.authenticate(headers, ['bearer'])).rejects.toMatchObject({ status: 401, reason: 'missing_token' });
  });

  it.each([
    ['no credentials at all', {}, 'missing_token'],
    ['only the key id', { 'x-api-key-id': 'key_x' }, 'invalid_api_key'],
    ['two x-api-key headers', { 'x-api-key-id': 'key_x', 'x-api-key': ['a', 'b'] }, 'invalid_api_key'],
  ])('refuses %s on an API-key route with its reason', async (_case, headers, reason) => {
    const { authenticator } = setUp();
    await expect(authenticator.authenticate(headers, ['api_key'])).rejects.toMatchObject({ status: 401, reason });
  });

  it('refuses an API key when the server has API keys off', async () => {
    const policy = resolveAuthOptions({ issuer: issuer.url, audience: 'orders-api' });
    const keys = new JwksKeyStore({ jwksUri: () => Promise.resolve(issuer.jwksUri), cacheMaxAgeMs: 1, refetchIntervalMs: 1 });
    const authenticator = new Authenticator({ policy, keys });
    const headers = { 'x-api-key-id': 'key_x', 'x-api-key': 'apk_y' };
    await expect(authenticator.authenticate(headers, ['api_key'])).rejects.toMatchObject({ reason: 'invalid_api_key' });
  });
});
