/** A scope string, `action:resource[:qualifier]`: `read:orders`, `read:orders:any`. */
export type Scope = `${string}:${string}`;

/**
 * One API (resource server) of the platform, declared once: the auth-server issues tokens for it
 * by these names and the API checks them by the same ones, so the two cannot drift.
 */
export interface PlatformApi {
  /** The RFC 8707 resource indicator clients send as `resource=`. */
  readonly identifier: string;
  /** The `aud` of its access tokens, also accepted as `audience=` (as Auth0-style clients send). */
  readonly audience: string;
  /** Its scopes by name; the declaration order is the order the auth-server lists them in. */
  readonly scopes: Readonly<Record<string, Scope>>;
}

/**
 * The scope strings of `api`, in declaration order.
 *
 * @example
 * scopesOf(PAYMENTS_API); // ['process:payment', 'read:payments']
 */
export function scopesOf(api: PlatformApi): Scope[] {
  return Object.values(api.scopes);
}
