import { authFailureEvent } from './auth-failure-event';

// header.payload.signature; the payload is {"aud":"payments-api","scope":"read:payments","exp":1800000000}
const TOKEN = `eyJhbGciOiJSUzI1NiJ9.${Buffer.from(JSON.stringify({ aud: 'payments-api', scope: 'read:payments', exp: 1_800_000_000 })).toString('base64url')}.c2ln`;

describe('authFailureEvent', () => {
  it('puts the contract fields first, takes error from WWW-Authenticate and reason from the body, and describes the token without it', () => {
    const event = authFailureEvent({
      api: 'payments-api',
      method: 'POST',
      path: '/payments',
      status: 403,
      challenge: {
        scheme: 'Bearer',
        params: { error: 'insufficient_scope', error_description: 'needs process:payment', scope: 'process:payment' },
      },
      body: { error: 'insufficient_scope', reason: 'insufficient_scope' },
      accessToken: TOKEN,
      clientId: 'reporting',
      requestId: 'req-1',
      retried: false,
    });
    expect(Object.keys(event).slice(0, 8)).toEqual(['event', 'status', 'api', 'method', 'path', 'error', 'reason', 'clientId']);
    expect(event).toEqual({
      event: 'auth_failure',
      status: 403,
      api: 'payments-api',
      method: 'POST',
      path: '/payments',
      error: 'insufficient_scope',
      reason: 'insufficient_scope',
      clientId: 'reporting',
      errorDescription: 'needs process:payment',
      requiredScope: 'process:payment',
      token: { aud: ['payments-api'], scope: ['read:payments'], exp: 1_800_000_000 },
      requestId: 'req-1',
      retriedWithNewToken: false,
    });
    expect(JSON.stringify(event)).not.toContain(TOKEN);
  });

  it('falls back to the body, then to the status, when the API sent no challenge or reason', () => {
    const event = authFailureEvent({
      api: 'payments-api',
      method: 'POST',
      path: '/payments',
      status: 403,
      challenge: undefined,
      body: { statusCode: 403, message: 'payments are made by services only' },
      accessToken: 'opaque-token',
      clientId: 'x',
      requestId: 'req-2',
      retried: false,
    });
    expect(event).toMatchObject({ error: null, reason: 'forbidden', errorDescription: 'payments are made by services only', token: null });
  });
});
