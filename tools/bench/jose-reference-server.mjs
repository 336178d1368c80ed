// The bench's yardstick: the smallest correct resource server, node:http with jose's jwtVerify
// and createRemoteJWKSet, checking what orders-api checks (RS256 only, typ at+jwt, iss, aud, exp
// required, 60 s tolerance) and answering GET /me as orders-api does. Started by bench.mjs as a
// child process: PORT, REFERENCE_ISSUER, REFERENCE_JWKS_URI, REFERENCE_AUDIENCE.
import { createServer } from 'node:http';
import { createRemoteJWKSet, jwtVerify } from 'jose';

const issuer = process.env.REFERENCE_ISSUER;
const audience = process.env.REFERENCE_AUDIENCE;
const keys = createRemoteJWKSet(new URL(process.env.REFERENCE_JWKS_URI));
const options = { issuer, audience, algorithms: ['RS256'], typ: 'at+jwt', clockTolerance: 60, requiredClaims: ['exp', 'sub'] };

function reply(res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body));
}

async function me(req, res) {
  const match = /^Bearer ([^\s]+)$/i.exec(req.headers.authorization ?? '');
  if (!match) return reply(res, 401, { error: 'invalid_request' }, { 'www-authenticate': `Bearer realm="${audience}"` });
  try {
    const { payload } = await jwtVerify(match[1], keys, options);
    const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [];
    reply(res, 200, { sub: payload.sub, clientId: payload.client_id ?? null, scopes, authMethod: 'bearer' });
  } catch (error) {
    reply(
      res,
      401,
      { error: 'invalid_token', error_description: error.code ?? 'invalid' },
      {
        'www-authenticate': `Bearer realm="${audience}", error="invalid_token"`,
      },
    );
  }
}

const server = createServer((req, res) => {
  if (req.url === '/me') {
    me(req, res).catch(() => reply(res, 500, { error: 'server_error' }));
  } else if (req.url === '/health/live' || req.url === '/health/ready') {
    reply(res, 200, { status: 'ok' });
  } else {
    reply(res, 404, { error: 'not_found' });
  }
});
server.keepAliveTimeout = 72_000;
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
