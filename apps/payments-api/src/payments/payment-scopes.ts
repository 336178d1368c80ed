/** The scopes payments-api understands, in one place (`action:resource[:qualifier]`). */
export const PaymentScopes = {
  /** Make a payment for an order (machine-to-machine callers only). */
  process: 'process:payment',
  read: 'read:payments',
} as const;
