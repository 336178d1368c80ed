import type { PlatformApi } from './platform-api';

/**
 * payments-api: payments for orders, made by machines (client credentials) only.
 *
 * @example
 * authOptionsFromEnv(process.env, { audience: PAYMENTS_API.audience });
 */
export const PAYMENTS_API = {
  identifier: 'urn:payments-api',
  audience: 'payments-api',
  scopes: {
    /** Make a payment for an order (machine-to-machine callers only). */
    process: 'process:payment',
    /** Read payments. */
    read: 'read:payments',
  },
} as const satisfies PlatformApi;

/**
 * The scopes of payments-api by name.
 *
 * @example
 * @Scopes(PaymentScopes.process)
 */
export const PaymentScopes = PAYMENTS_API.scopes;
