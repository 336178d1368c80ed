import type { NestFastifyApplication } from '@nestjs/platform-fastify';

type CorsOptions = NonNullable<Parameters<NestFastifyApplication['enableCors']>[0]>;

/**
 * What a browser page may send. Not `x-api-key-id` / `x-api-key`: API keys are secrets of partner
 * servers, and a key shipped to a browser is a key published to every visitor, so a cross-origin
 * page that tries to send one is stopped at the preflight (Swagger UI on /docs is same-origin and
 * needs no CORS to try the partner route).
 */
export const CORS_ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'Idempotency-Key', 'x-request-id'];

/** What a browser page may read of a response: the refusal's challenge, the request id and the rate-limit state. */
export const CORS_EXPOSED_HEADERS = [
  'WWW-Authenticate',
  'x-request-id',
  'Retry-After',
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
];

/** How long a browser may reuse a preflight answer (Chromium caps it at 2 hours anyway). */
export const CORS_MAX_AGE_S = 600;

/**
 * CORS for `webOrigins` only: their requests get `Access-Control-Allow-Origin: <origin>` (never
 * `*`) and `Vary: Origin`; any other origin gets no CORS header at all, and its preflight is a
 * 404. No credentials: tokens travel in `Authorization`, never in cookies. Preflights are
 * answered in Fastify's request hook, before Nest's guards, so the global authentication guard
 * never sees them (a preflight carries no `Authorization`).
 */
export function corsOptions(webOrigins: readonly string[], methods: readonly string[]): CorsOptions {
  const allowed = new Set(webOrigins);
  return {
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: [...methods],
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: CORS_EXPOSED_HEADERS,
    credentials: false,
    maxAge: CORS_MAX_AGE_S,
  };
}
