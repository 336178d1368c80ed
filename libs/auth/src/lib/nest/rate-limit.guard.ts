import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { RateLimitedError } from '../core/auth-error';
import type { AuthenticatedRequest } from './http-request';

/** The one throttler: "default" keeps the standard header names (`Retry-After`, `X-RateLimit-Limit`). */
export const RATE_LIMIT_THROTTLER = 'default';

/**
 * @nestjs/throttler, counted per VERIFIED caller: the API key's id, or the bearer client. It runs
 * after authentication (guard order in AuthModule), so the tracker is never a raw header one
 * caller could set to spend another's budget, and failed authentications spend nothing. The key
 * has no route in it, so one budget covers every route. Public routes are not limited here.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override shouldSkip(context: ExecutionContext): Promise<boolean> {
    return Promise.resolve(context.switchToHttp().getRequest<AuthenticatedRequest>().user === undefined);
  }

  protected override getTracker(req: Record<string, unknown>): Promise<string> {
    const principal = (req as unknown as AuthenticatedRequest).user;
    return Promise.resolve(
      principal?.apiKeyId !== undefined ? `key:${principal.apiKeyId}` : `client:${principal?.clientId ?? principal?.sub}`,
    );
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `rate-limit:${throttlerName}:${tracker}`;
  }

  protected override throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    // Retry-After is already on the response (the throttler sets it in seconds).
    throw new RateLimitedError(detail.timeToBlockExpire);
  }
}
