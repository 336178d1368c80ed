/** A non-negative amount with at most two decimals, as clients send it: "9.99", "120", "0.5". */
export const AMOUNT_PATTERN = /^\d{1,10}(\.\d{1,2})?$/;

/** Exact decimal arithmetic in cents: binary floating point cannot represent 0.1. */
export function toCents(amount: string): bigint {
  if (!AMOUNT_PATTERN.test(amount)) {
    throw new RangeError(`"${amount}" is not an amount with at most two decimals`);
  }
  const [units = '0', fraction = ''] = amount.split('.');
  return BigInt(units) * 100n + BigInt(fraction.padEnd(2, '0'));
}

export function fromCents(cents: bigint): string {
  const units = cents / 100n;
  const fraction = (cents % 100n).toString().padStart(2, '0');
  return `${units}.${fraction}`;
}
