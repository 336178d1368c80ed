import { type DynamicModule, Logger, Module, type ModuleMetadata } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { getOptionsToken, getStorageToken, type ThrottlerModuleOptions } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { type AccessTokenPolicy, type AuthOptions, resolveAuthOptions } from '../core/access-token-policy';
import type { ApiKeyVerifier } from '../core/api-keys/api-key-verifier';
import { ApiKeyUsage } from '../core/api-keys/api-key-usage';
import { Authenticator } from '../core/authenticator';
import { TokenIntrospector } from '../core/introspection/token-introspector';
import { TrustedIssuers } from '../core/jwks/trusted-issuers';
import { VerifiedTokenCache } from '../core/verified-token-cache';
import { AUTH_POLICY } from './auth.constants';
import { AuthErrorFilter } from './auth-error.filter';
import { AuthFailureMetrics } from './auth-failure.metrics';
import { ApiKeyRevocations } from './api-key-revocations';
import { API_KEY_PROVIDERS, API_KEY_VERIFIER, apiKeyRequestsCounter } from './api-key.providers';
import { ApiKeyStrategy } from './api-key.strategy';
import { AuthenticationGuard } from './authentication.guard';
import { JwtStrategy } from './jwt.strategy';
import { FixedWindowRateLimitStorage } from './fixed-window-rate-limit.storage';
import { RATE_LIMIT_THROTTLER, RATE_LIMIT_WINDOW_MS, RateLimitGuard } from './rate-limit.guard';
import { ScopesGuard } from './scopes.guard';

export interface AuthModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  // Nest factories receive whatever `inject` lists, so their parameters cannot be typed here.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  useFactory: (...args: any[]) => AuthOptions | Promise<AuthOptions>;
  inject?: NonNullable<ModuleMetadata['providers']>[number][] | (string | symbol)[];
}

/**
 * Bearer-token authentication for a whole application: a global guard (every route needs a
 * valid access token unless `@Public()`), scope enforcement, RFC 6750 error responses and the
 * `auth_failures_total` metric. Invalid options stop the application at start-up.
 *
 * @example
 * AuthModule.forRoot({ issuer: 'https://auth.example.com', audience: 'orders-api' })
 */
@Module({})
export class AuthModule {
  static forRoot(options: AuthOptions): DynamicModule {
    return AuthModule.forRootAsync({ useFactory: () => options });
  }

  static forRootAsync(options: AuthModuleAsyncOptions): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      imports: [PassportModule, ...(options.imports ?? [])],
      providers: [
        {
          provide: AUTH_POLICY,
          inject: (options.inject ?? []) as never[],
          useFactory: async (...args: unknown[]) => resolveAuthOptions(await options.useFactory(...args)),
        },
        {
          provide: TrustedIssuers,
          inject: [AUTH_POLICY],
          useFactory: createTrustedIssuers,
        },
        {
          provide: VerifiedTokenCache,
          inject: [AUTH_POLICY],
          useFactory: (policy: AccessTokenPolicy) => new VerifiedTokenCache(10_000, policy.jwksCacheMaxAgeMs),
        },
        AuthFailureMetrics,
        ...API_KEY_PROVIDERS,
        {
          provide: Authenticator,
          inject: [AUTH_POLICY, TrustedIssuers, VerifiedTokenCache, ApiKeyUsage, API_KEY_VERIFIER],
          useFactory: createAuthenticator,
        },
        ApiKeyRevocations,
        JwtStrategy,
        ApiKeyStrategy,
        { provide: getOptionsToken(), inject: [AUTH_POLICY], useFactory: rateLimitOptions },
        {
          provide: getStorageToken(),
          inject: [AUTH_POLICY],
          // With Redis every replica counts into one budget; the service disconnects on shutdown.
          useFactory: (policy: AccessTokenPolicy) =>
            policy.redisUrl === undefined
              ? new FixedWindowRateLimitStorage()
              : new ThrottlerStorageRedisService(policy.redisUrl, { maxRetriesPerRequest: 1 }),
        },
        // Order matters: authentication sets the principal that the rate limit and the scope check read;
        // the rate limit runs before the scope check, so refused calls spend budget too (but failed
        // authentications do not).
        { provide: APP_GUARD, useClass: AuthenticationGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_GUARD, useClass: ScopesGuard },
        { provide: APP_FILTER, useClass: AuthErrorFilter },
      ],
      exports: [AUTH_POLICY, Authenticator, AuthFailureMetrics, ApiKeyRevocations, ApiKeyUsage],
    };
  }
}

function rateLimitOptions(policy: AccessTokenPolicy): ThrottlerModuleOptions {
  // RateLimitGuard reads the limit from the principal itself; this keeps the throttler's own view consistent.
  return [{ name: RATE_LIMIT_THROTTLER, ttl: RATE_LIMIT_WINDOW_MS, limit: policy.bearerRateLimitPerMinute }];
}

function createAuthenticator(
  policy: AccessTokenPolicy,
  issuers: TrustedIssuers,
  verifiedTokens: VerifiedTokenCache,
  usage: ApiKeyUsage,
  apiKeys: ApiKeyVerifier | undefined,
): Authenticator {
  const apiKeyRequests = apiKeyRequestsCounter();
  const introspectionLogger = new Logger('Introspection');
  const { introspection } = policy;
  return new Authenticator({
    policy,
    issuers,
    verifiedTokens,
    introspector:
      introspection &&
      new TokenIntrospector({
        url: introspection.url,
        clientId: introspection.clientId,
        clientSecret: introspection.clientSecret,
        onError: (message) => introspectionLogger.warn({ event: 'introspection_failed', message }),
      }),
    apiKeys,
    onApiKeyAccepted: (keyId) => {
      usage.record(keyId);
      apiKeyRequests.inc({ key_id: keyId, outcome: 'accepted' });
    },
  });
}

function createTrustedIssuers(policy: AccessTokenPolicy): TrustedIssuers {
  const logger = new Logger('Jwks');
  return TrustedIssuers.fromPolicy(policy, {
    onFetchError: (issuer, error) =>
      logger.warn({ event: 'jwks_fetch_failed', issuer, message: error instanceof Error ? error.message : String(error) }),
  });
}
