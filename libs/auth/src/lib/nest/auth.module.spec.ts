import { Controller, Get, Module, Post, UseGuards } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { register } from 'prom-client';
import { TestIssuer } from '../../testing/test-issuer';
import { routesWithoutAccessDecision } from '../../testing/routes-without-access-decision';
import type { AuthOptions } from '../core/access-token-policy';
import { AuthConfigError } from '../core/auth-config-error';
import type { Principal } from '../core/principal';
import { VerifiedTokenCache } from '../core/verified-token-cache';
import { AuthModule } from './auth.module';
import { CurrentPrincipal } from './current-principal.decorator';
import { Public } from './public.decorator';
import { AnyScope, Authenticated, Scopes } from './scopes.decorator';

@Controller()
class OrdersTestController {
  @Public()
  @Get('public')
  open() {
    return { status: 'ok' };
  }

  @Authenticated()
  @Get('me')
  me(@CurrentPrincipal() principal: Principal) {
    const { sub, clientId, scopes, authMethod } = principal;
    return { sub, clientId, scopes, authMethod };
  }

  @Scopes('write:orders')
  @Post('orders')
  create() {
    return { created: true };
  }

  @AnyScope('read:orders', 'read:orders:any')
  @Get('orders')
  list() {
    return { orders: [] };
  }

  // The global guard checks nothing here; passport's AuthGuard('jwt') runs the jwt strategy.
  @Public()
  @UseGuards(AuthGuard('jwt'))
  @Get('passport')
  passport(@CurrentPrincipal() principal: Principal) {
    return { sub: principal.sub, scopes: principal.scopes };
  }

  // No access decision on purpose: still needs a token, and routesWithoutAccessDecision lists it.
  @Get('undecided')
  undecided() {
    return { decided: false };
  }
}

@Module({})
class TestAppModule {}

async function createApp(options: AuthOptions): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    { module: TestAppModule, imports: [DiscoveryModule, AuthModule.forRoot(options)], controllers: [OrdersTestController] },
    new FastifyAdapter(),
    { logger: false, abortOnError: false },
  );
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

/** `auth_failures_total` of one reason, summed over issuers; a reason that is not exported fails the test. */
async function authFailures(reason: string): Promise<number> {
  const lines = (await register.metrics()).split('\n').filter((l) => l.startsWith(`auth_failures_total{reason="${reason}",`));
  if (lines.length === 0) throw new Error(`auth_failures_total{reason="${reason}"} is not exported`);
  return lines.reduce((sum, line) => sum + Number(line.split(' ')[1]), 0);
}

describe('AuthModule (Fastify)', () => {
  let issuer: TestIssuer;
  let app: NestFastifyApplication;
  let fastify: FastifyInstance;

  function get(url: string, token?: string): Promise<LightMyRequestResponse> {
    return fastify.inject({ method: 'GET', url, headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
  }

  beforeAll(async () => {
    issuer = await TestIssuer.start({ audience: 'orders-api' });
    app = await createApp({ issuer: issuer.url, audience: 'orders-api', jwksUri: issuer.jwksUri });
    fastify = app.getHttpAdapter().getInstance();
  });

  afterAll(async () => {
    await app?.close();
    await issuer.stop();
  });

  it('lets a @Public() route answer without a token', async () => {
    const response = await get('/public');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('answers a request without a token with 401 and a bare Bearer challenge', async () => {
    const response = await get('/me');
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="orders-api"');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.json()).toMatchObject({ reason: 'missing_token' });
    expect(response.json()).not.toHaveProperty('error');
  });

  it('protects a route without any access decision (deny by default)', async () => {
    expect((await get('/undecided')).statusCode).toBe(401);
  });

  it('answers a valid token with 200 and the principal', async () => {
    const token = await issuer.mint({ claims: { scope: 'read:orders profile' } });
    const response = await get('/me', token);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ sub: 'user-123', clientId: 'test-client', scopes: ['read:orders', 'profile'], authMethod: 'bearer' });
  });

  it.each([
    ['whose aud array contains orders-api', { claims: { aud: ['payments-api', 'orders-api'] } }],
    ['that expired 30 s ago, within the 60 s clock tolerance', { expiresInS: -30 }],
    ['whose typ is application/at+jwt', { header: { typ: 'application/at+jwt' } }],
  ])('accepts a token %s', async (_case, mintOptions) => {
    expect((await get('/me', await issuer.mint(mintOptions))).statusCode).toBe(200);
  });

  it('refuses an expired token with 401 invalid_token, reason expired, and counts it in auth_failures_total', async () => {
    const before = await authFailures('expired');
    const response = await get('/me', await issuer.mint({ expiresInS: -3600 }));
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer realm="orders-api", error="invalid_token", error_description="[^"]+"$/);
    expect(response.json()).toEqual({ error: 'invalid_token', error_description: 'the token has expired', reason: 'expired' });
    expect(await authFailures('expired')).toBe(before + 1);
  });

  it.each([
    ['whose aud does not contain orders-api', { claims: { aud: 'payments-api' } }, 'wrong_audience'],
    ['from another issuer', { claims: { iss: 'https://evil.example' } }, 'wrong_issuer'],
    ['that is an ID token (typ JWT)', { header: { typ: 'JWT' } }, 'wrong_token_type'],
    ['signed with RS512 when only RS256 is allowed', { header: { alg: 'RS512' } }, 'alg_not_allowed'],
    ['whose kid is not in the JWKS', { header: { kid: 'unknown' } }, 'unknown_kid'],
    ['without exp', { claims: { exp: undefined } }, 'malformed'],
    ['whose nbf is an hour away', { claims: { nbf: Math.floor(Date.now() / 1000) + 3600 } }, 'not_yet_valid'],
  ])('refuses a token %s with 401 invalid_token', async (_case, mintOptions, reason) => {
    const response = await get('/me', await issuer.mint(mintOptions));
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toContain('error="invalid_token"');
    expect(response.json()).toMatchObject({ error: 'invalid_token', reason });
  });

  it('refuses alg none and HS256 signed with the public key (algorithm confusion) as alg_not_allowed', async () => {
    const header = { typ: 'at+jwt', kid: issuer.kids[0] };
    const unsigned = issuer.forge({ ...header, alg: 'none' }, issuer.defaultClaims());
    const confused = issuer.forge({ ...header, alg: 'HS256' }, issuer.defaultClaims(), JSON.stringify(issuer.publicJwk()));
    for (const token of [unsigned, confused]) {
      const response = await get('/me', token);
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ error: 'invalid_token', reason: 'alg_not_allowed' });
    }
  });

  it('answers a Bearer header carrying two tokens with 400 invalid_request', async () => {
    const token = await issuer.mint();
    const response = await get('/me', `${token} ${token}`);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'invalid_request', reason: 'malformed' });
  });

  it('refuses a token without write:orders on a @Scopes route with 403 insufficient_scope naming the scope', async () => {
    const token = await issuer.mint({ claims: { scope: 'read:orders' } });
    const response = await fastify.inject({ method: 'POST', url: '/orders', headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode).toBe(403);
    expect(response.headers['www-authenticate']).toMatch(
      /^Bearer realm="orders-api", error="insufficient_scope", .*, scope="write:orders"$/,
    );
    expect(response.json()).toMatchObject({ error: 'insufficient_scope', reason: 'insufficient_scope', scope: 'write:orders' });
  });

  it('lets a token with write:orders through a @Scopes route', async () => {
    const token = await issuer.mint({ claims: { scope: 'write:orders' } });
    const response = await fastify.inject({ method: 'POST', url: '/orders', headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode).toBe(201);
  });

  it('lets any one of the @AnyScope scopes through, and refuses a token with none of them', async () => {
    expect((await get('/orders', await issuer.mint({ claims: { scope: 'read:orders:any' } }))).statusCode).toBe(200);
    expect((await get('/orders', await issuer.mint({ claims: { scope: 'read:orders' } }))).statusCode).toBe(200);
    const refused = await get('/orders', await issuer.mint({ claims: { scope: 'read:orders:own' } }));
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['www-authenticate']).toContain('scope="read:orders read:orders:any"');
  });

  it('remembers a verified token in VerifiedTokenCache and answers it again from there', async () => {
    const cache = app.get(VerifiedTokenCache);
    const token = await issuer.mint({ claims: { sub: 'cached-user' } });
    // Keyed by the whole Authorization header value.
    expect(cache.get(`Bearer ${token}`)).toBeUndefined();
    expect((await get('/me', token)).statusCode).toBe(200);
    expect(cache.get(`Bearer ${token}`)?.sub).toBe('cached-user');
    const size = cache.size;
    const again = await get('/me', token);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ sub: 'cached-user' });
    expect(cache.size).toBe(size);
  });

  it("verifies through the jwt passport strategy with AuthGuard('jwt'), keeping the failure reason", async () => {
    const ok = await get('/passport', await issuer.mint({ claims: { scope: 'read:orders' } }));
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ sub: 'user-123', scopes: ['read:orders'] });
    const expired = await get('/passport', await issuer.mint({ expiresInS: -120 }));
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ error: 'invalid_token', reason: 'expired' });
    expect(expired.headers['www-authenticate']).toContain('error="invalid_token"');
    expect((await get('/passport')).json()).toMatchObject({ reason: 'missing_token' });
  });

  it('lists the handlers that declare no access decision', () => {
    expect(routesWithoutAccessDecision(app)).toEqual(['OrdersTestController.undecided']);
  });
});

describe('AuthModule configuration', () => {
  it('refuses to start with algorithms ["none"]: app creation fails with AuthConfigError', async () => {
    const attempt = createApp({ issuer: 'http://127.0.0.1:9', audience: 'orders-api', algorithms: ['none'] });
    await expect(attempt).rejects.toBeInstanceOf(AuthConfigError);
    await expect(attempt).rejects.toMatchObject({ problems: ['algorithms: "none" is refused: unsigned tokens are never accepted'] });
  });
});
