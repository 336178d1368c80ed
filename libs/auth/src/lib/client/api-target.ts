/**
 * The API a token is for: its RFC 8707 resource identifier, its audience (the parameter
 * Auth0-style servers take), or both. One of them is required: a token requested for no API is
 * opaque, and no resource server of this platform accepts it.
 *
 * @example
 * const orders: ApiTarget = { resource: 'urn:orders-api' };
 * const payments: ApiTarget = { audience: 'payments-api' };
 */
export type ApiTarget =
  { readonly resource: string; readonly audience?: string } | { readonly resource?: string; readonly audience: string };

/** A short label for messages: `resource urn:orders-api`, `audience orders-api`. */
export function describeApi(api: ApiTarget): string {
  return [api.resource && `resource ${api.resource}`, api.audience && `audience ${api.audience}`].filter(Boolean).join(' and ');
}

/** One cache entry per distinct (resource, audience) pair. */
export function apiCacheKey(api: ApiTarget): string {
  return JSON.stringify([api?.resource ?? null, api?.audience ?? null]);
}

/** The types already demand an API; this catches JavaScript callers and empty strings. */
export function assertApiTarget(api: ApiTarget): void {
  if (!api?.resource && !api?.audience) {
    throw new TypeError("a token request needs the API's resource or audience");
  }
}
