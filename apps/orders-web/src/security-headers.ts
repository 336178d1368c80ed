import type { BrowserConfig } from './orders-web.config';

/**
 * The page's Content Security Policy: its own scripts and styles only (Vite emits files, no
 * inline code), network access to the auth-server and orders-api only, no framing, no plugins,
 * and Trusted Types with no policy, so no string can ever become script or HTML.
 */
export function contentSecurityPolicy(config: BrowserConfig): string {
  const connect = new Set(["'self'", new URL(config.issuer).origin, new URL(config.ordersApiUrl).origin]);
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    `connect-src ${[...connect].join(' ')}`,
    // The app's forms are handled by script; without it, they may only post back here.
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "require-trusted-types-for 'script'",
    "trusted-types 'none'",
  ].join('; ');
}

/** Headers on every response; HSTS only when this server speaks HTTPS. */
export function securityHeaders(config: BrowserConfig, https: boolean): Record<string, string> {
  return {
    ...(https ? { 'Strict-Transport-Security': 'max-age=31536000' } : {}),
    'Content-Security-Policy': contentSecurityPolicy(config),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    // /callback carries the authorization code in its URL: never send it to another site.
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  };
}
