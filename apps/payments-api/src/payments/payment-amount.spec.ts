import { normalizePaymentAmount, PAYMENT_AMOUNT_PATTERN } from './payment-amount';

describe('payment amount', () => {
  it.each([
    ['9.99', '9.99'],
    ['9.9', '9.90'],
    ['120', '120.00'],
    ['0.5', '0.50'],
    ['0.01', '0.01'],
    ['999999999999.99', '999999999999.99'],
  ])('accepts "%s" and writes it with two decimals as "%s"', (amount, normalized) => {
    expect(PAYMENT_AMOUNT_PATTERN.test(amount)).toBe(true);
    expect(normalizePaymentAmount(amount)).toBe(normalized);
  });

  it.each([
    ['zero', '0'],
    ['zero with decimals', '0.00'],
    ['a negative amount', '-1'],
    ['three decimals', '1.234'],
    ['13 digits before the point', '1000000000000'],
    ['a leading zero', '01.50'],
    ['exponent notation', '1e3'],
    ['hexadecimal', '0x10'],
    ['a trailing point', '1.'],
    ['a leading point', '.5'],
    ['a comma', '1,50'],
    ['spaces', ' 1'],
    ['letters', 'abc'],
    ['the empty string', ''],
  ])('refuses %s ("%s")', (_name, amount) => {
    expect(PAYMENT_AMOUNT_PATTERN.test(amount)).toBe(false);
    expect(() => normalizePaymentAmount(amount)).toThrow(RangeError);
  });
});
