/**
 * A positive amount as clients send it: a decimal string with at most two decimals and no
 * leading zeros ("9.99", "120", "0.5"). At most 12 digits before the point: the range of
 * numeric(14,2), the column orders-api keeps order totals in.
 */
export const PAYMENT_AMOUNT_PATTERN = /^(?!0(?:\.0{1,2})?$)(?:0|[1-9]\d{0,11})(?:\.\d{1,2})?$/;

/**
 * The amount with exactly two decimals, as PostgreSQL returns numeric(14,2): "9.9" → "9.90".
 * Amounts are compared in this form, never as floating-point numbers.
 *
 * @throws RangeError when `amount` does not match `PAYMENT_AMOUNT_PATTERN`
 */
export function normalizePaymentAmount(amount: string): string {
  if (!PAYMENT_AMOUNT_PATTERN.test(amount)) {
    throw new RangeError(`"${amount}" is not a positive amount with at most two decimals`);
  }
  const [units = '0', fraction = ''] = amount.split('.');
  return `${units}.${fraction.padEnd(2, '0')}`;
}
