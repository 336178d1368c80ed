import { type ExecutionContext, Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { getOptionsToken, getStorageToken, ThrottlerGuard, type ThrottlerModuleOptions, type ThrottlerStorage } from '@nestjs/throttler';
import type { AccessTokenPolicy } from '../core/access-token-policy';
import { RateLimitedError } from '../core/auth-error';
import type { Principal } from '../core/principal';
import { AUTH_POLICY } from './auth.constants';
import { FixedWindowRateLimitStorage } from './fixed-window-rate-limit.storage';
import type { AuthenticatedRequest } from './http-request';

/** The one throttler: "default" keeps the standard header names (`Retry-After`, `X-RateLimit-Limit`). */
export const RATE_LIMIT_THROTTLER = 'default';
/** Budgets are per minute. */
export const RATE_LIMIT_WINDOW_MS = 60_000;

type StorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface HeaderSink {
  header(name: string, value: string | number): unknown;
}

/**
 * Rate limits on @nestjs/throttler's guard and storage, counted per VERIFIED caller (`tracker`):
 * the API key, the client of a machine token, or the user within its client. It runs after authentication (guard order in AuthModule), so
 * the tracker is never a raw header one caller could set to spend another's budget, and failed
 * authentications spend nothing. The counter key has no route in it: one budget per caller
 * across every route. The limit is the key's own `rateLimitPerMinute`, or the bearer budget.
 *
 * The throttler's generic path (five metadata lookups and several awaits per request) is
 * replaced by one storage call, without an await when the storage is in-process: it runs on
 * every authenticated request.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  private readonly failures = new Logger('RateLimit');

  constructor(
    @Inject(getOptionsToken()) options: ThrottlerModuleOptions,
    @Inject(getStorageToken()) storage: ThrottlerStorage,
    reflector: Reflector,
    @Inject(AUTH_POLICY) private readonly policy: AccessTokenPolicy,
  ) {
    super(options, storage, reflector);
  }

  override canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const principal = http.getRequest<AuthenticatedRequest>().user;
    if (principal === undefined) return Promise.resolve(true); // a public route
    const key = `rate-limit:${tracker(principal)}`;
    const limit = principal.rateLimitPerMinute ?? this.policy.bearerRateLimitPerMinute;
    const reply = http.getResponse<HeaderSink>();
    const storage = this.storageService;
    if (storage instanceof FixedWindowRateLimitStorage) {
      // Nest awaits every guard's result anyway; an already-settled promise costs no more than a boolean.
      try {
        return Promise.resolve(this.apply(reply, limit, storage.hit(key, RATE_LIMIT_WINDOW_MS, limit, RATE_LIMIT_WINDOW_MS)));
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
    return storage.increment(key, RATE_LIMIT_WINDOW_MS, limit, RATE_LIMIT_WINDOW_MS, RATE_LIMIT_THROTTLER).then(
      (record) => this.apply(reply, limit, record),
      (error: unknown) => {
        // The shared counter store (Redis) failed: say so with a 503, not a 500; /health/ready reports it too.
        this.failures.error({ event: 'rate_limit_unavailable', message: error instanceof Error ? error.message : String(error) });
        throw new ServiceUnavailableException('the rate limiter is unavailable; try again shortly');
      },
    );
  }

  private apply(reply: HeaderSink, limit: number, record: StorageRecord): boolean {
    if (record.isBlocked) {
      reply.header('Retry-After', record.timeToBlockExpire);
      throw new RateLimitedError(record.timeToBlockExpire);
    }
    reply.header('X-RateLimit-Limit', limit);
    reply.header('X-RateLimit-Remaining', Math.max(0, limit - record.totalHits));
    reply.header('X-RateLimit-Reset', record.timeToExpire);
    return true;
  }
}

/**
 * Whose budget a request spends: an API key's own; a machine token's client; for any other token
 * the user within its client, so two users of one app never share a budget and one cannot spend
 * another's. The pair is written as JSON, so no client id and `sub` can run together into
 * another pair's key.
 */
function tracker(principal: Principal): string {
  if (principal.apiKeyId !== undefined) return `key:${principal.apiKeyId}`;
  if (principal.isClientCredentials) return `client:${principal.clientId ?? ''}`;
  return `user:${JSON.stringify([principal.clientId, principal.sub])}`;
}
