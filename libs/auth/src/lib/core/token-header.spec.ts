import { TestIssuer } from '../../testing/test-issuer';
import { resolveAuthOptions } from './access-token-policy';
import { AuthError } from './auth-error';
import { checkAccessTokenHeader } from './token-header';

let issuer: TestIssuer;
const policy = resolveAuthOptions({ issuer: 'https://auth.example.com', audience: 'orders-api' });

beforeAll(async () => {
  issuer = await TestIssuer.start();
});

afterAll(async () => {
  await issuer.stop();
});

function reasonFor(token: string): string {
  try {
    checkAccessTokenHeader(token, policy);
  } catch (error) {
    if (error instanceof AuthError) {
      expect(error).toMatchObject({ status: 401, code: 'invalid_token' });
      return error.reason;
    }
    throw error;
  }
  throw new Error('expected the token header to be refused');
}

/** A token whose header segment is exactly `header`, with the rest of a real token. */
function withHeaderSegment(token: string, header: string): string {
  return [header, ...token.split('.').slice(1)].join('.');
}

describe('checkAccessTokenHeader', () => {
  it('returns alg and kid of an RFC 9068 access token', async () => {
    const token = await issuer.mint();
    expect(checkAccessTokenHeader(token, policy)).toEqual({ alg: 'RS256', kid: issuer.kids[0] });
  });

  it.each(['application/at+jwt', 'AT+JWT'])('accepts the typ %s as at+jwt', async (typ) => {
    const token = await issuer.mint({ header: { typ } });
    expect(checkAccessTokenHeader(token, policy).kid).toBe(issuer.kids[0]);
  });

  it('refuses a token that is not three dot-separated parts as malformed', async () => {
    const token = await issuer.mint();
    expect(reasonFor(token.split('.').slice(0, 2).join('.'))).toBe('malformed');
    expect(reasonFor(`${token}.extra`)).toBe('malformed');
  });

  it('refuses a JWE (five parts) as malformed', () => {
    expect(reasonFor('eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d')).toBe('malformed');
  });

  it('refuses a header that is not base64url as malformed', async () => {
    expect(reasonFor(withHeaderSegment(await issuer.mint(), 'eyJ@bGci'))).toBe('malformed');
    expect(reasonFor(withHeaderSegment(await issuer.mint(), ''))).toBe('malformed');
  });

  it('refuses a header that is not a JSON object as malformed', async () => {
    const token = await issuer.mint();
    expect(reasonFor(withHeaderSegment(token, Buffer.from('{"alg":').toString('base64url')))).toBe('malformed');
    expect(reasonFor(withHeaderSegment(token, Buffer.from('["RS256"]').toString('base64url')))).toBe('malformed');
    expect(reasonFor(withHeaderSegment(token, Buffer.from('null').toString('base64url')))).toBe('malformed');
  });

  it.each(['none', 'None', 'NONE'])('refuses an unsigned token (alg %s) as alg_not_allowed', (alg) => {
    expect(reasonFor(issuer.forge({ alg, typ: 'at+jwt', kid: issuer.kids[0] }, issuer.defaultClaims()))).toBe('alg_not_allowed');
  });

  it('refuses an HS256 token signed with the public key as secret (algorithm confusion) as alg_not_allowed', () => {
    const secret = JSON.stringify(issuer.publicJwk());
    const token = issuer.forge({ alg: 'HS256', typ: 'at+jwt', kid: issuer.kids[0] }, issuer.defaultClaims(), secret);
    expect(reasonFor(token)).toBe('alg_not_allowed');
  });

  it('refuses RS512 when only RS256 is allowed as alg_not_allowed', async () => {
    expect(reasonFor(await issuer.mint({ header: { alg: 'RS512' } }))).toBe('alg_not_allowed');
  });

  it('refuses a header without alg as alg_not_allowed', () => {
    expect(reasonFor(issuer.signRaw({ typ: 'at+jwt', kid: issuer.kids[0] }, issuer.defaultClaims()))).toBe('alg_not_allowed');
  });

  it('refuses a token without typ as wrong_token_type', async () => {
    expect(reasonFor(await issuer.mint({ header: { typ: undefined } }))).toBe('wrong_token_type');
  });

  it.each(['JWT', 'application/jwt', 'dpop+jwt'])(
    'refuses the typ %s (not an access token; JWT is what ID tokens carry) as wrong_token_type',
    async (typ) => {
      expect(reasonFor(await issuer.mint({ header: { typ } }))).toBe('wrong_token_type');
    },
  );

  it('refuses any crit header as malformed: no critical extension is supported', () => {
    const header = { alg: 'RS256', typ: 'at+jwt', kid: issuer.kids[0], crit: ['exp'], exp: 1 };
    expect(reasonFor(issuer.signRaw(header, issuer.defaultClaims()))).toBe('malformed');
    expect(reasonFor(issuer.signRaw({ ...header, crit: [] }, issuer.defaultClaims()))).toBe('malformed');
  });

  it('refuses a token without kid as unknown_kid', async () => {
    expect(reasonFor(await issuer.mint({ header: { kid: undefined } }))).toBe('unknown_kid');
    expect(reasonFor(await issuer.mint({ header: { kid: '' } }))).toBe('unknown_kid');
  });
});
