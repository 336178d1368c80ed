import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { verify } from 'jsonwebtoken';
import { TestIssuer } from '../../testing/test-issuer';
import { InvalidRequestError, InvalidTokenError } from './auth-error';
import { authErrorFromVerification } from './auth-error-from-verification';

let issuer: TestIssuer;
let publicKey: KeyObject;

beforeAll(async () => {
  issuer = await TestIssuer.start({ keys: 2 });
  publicKey = createPublicKey({ key: issuer.publicJwk(issuer.kids[0]) as JsonWebKey, format: 'jwk' });
});

afterAll(async () => {
  await issuer.stop();
});

/** Verifies as the resource server does and returns what jsonwebtoken threw. */
function verificationFailure(token: string): unknown {
  try {
    verify(token, publicKey, { algorithms: ['RS256'], issuer: issuer.url, audience: 'orders-api', clockTolerance: 60 });
  } catch (error) {
    return error;
  }
  throw new Error('expected jsonwebtoken to refuse the token');
}

function reasonFor(token: string): string {
  const error = authErrorFromVerification(verificationFailure(token));
  expect(error).toBeInstanceOf(InvalidTokenError);
  expect(error).toMatchObject({ status: 401, code: 'invalid_token' });
  return error.reason;
}

describe('authErrorFromVerification', () => {
  it('names an expired token (beyond the clock tolerance) expired', async () => {
    expect(reasonFor(await issuer.mint({ expiresInS: -120 }))).toBe('expired');
  });

  it('names a token whose nbf is in the future not_yet_valid', async () => {
    expect(reasonFor(await issuer.mint({ claims: { nbf: Math.floor(Date.now() / 1000) + 3600 } }))).toBe('not_yet_valid');
  });

  it('names a token whose aud does not contain orders-api wrong_audience', async () => {
    expect(reasonFor(await issuer.mint({ claims: { aud: ['payments-api', 'billing-api'] } }))).toBe('wrong_audience');
  });

  it('names a token from another issuer wrong_issuer', async () => {
    expect(reasonFor(await issuer.mint({ claims: { iss: `${issuer.url}/` } }))).toBe('wrong_issuer');
  });

  it('names a token with a tampered payload bad_signature', async () => {
    const [header, , signature] = (await issuer.mint({ claims: { scope: 'read:orders' } })).split('.');
    const payload = Buffer.from(JSON.stringify(issuer.defaultClaims({ scope: 'admin:api-keys' }))).toString('base64url');
    expect(reasonFor(`${header}.${payload}.${signature}`)).toBe('bad_signature');
  });

  it("names a token signed with another of the issuer's keys bad_signature", async () => {
    expect(reasonFor(await issuer.mint({ kid: issuer.kids[1] }))).toBe('bad_signature');
  });

  it('names an unsigned token alg_not_allowed', () => {
    expect(reasonFor(issuer.forge({ alg: 'none', typ: 'at+jwt' }, issuer.defaultClaims()))).toBe('alg_not_allowed');
  });

  it('names an RS512 token when only RS256 is allowed alg_not_allowed', async () => {
    expect(reasonFor(await issuer.mint({ header: { alg: 'RS512' } }))).toBe('alg_not_allowed');
  });

  it.each(['garbage', 'a.b.c', ''])('names an unparseable token (%j) malformed', (token) => {
    expect(reasonFor(token)).toBe('malformed');
  });

  it('names anything else malformed', () => {
    expect(authErrorFromVerification(new Error('boom'))).toMatchObject({ reason: 'malformed', code: 'invalid_token' });
    expect(authErrorFromVerification(undefined)).toMatchObject({ reason: 'malformed', code: 'invalid_token' });
  });

  it('passes an AuthError through unchanged', () => {
    const unknownKid = new InvalidTokenError('unknown_kid', 'no such key');
    const badRequest = new InvalidRequestError('two tokens');
    expect(authErrorFromVerification(unknownKid)).toBe(unknownKid);
    expect(authErrorFromVerification(badRequest)).toBe(badRequest);
  });
});
