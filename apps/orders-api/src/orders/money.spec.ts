import { fromCents, toCents } from './money';

describe('money', () => {
  it('converts decimal strings to exact cents', () => {
    expect(toCents('9.99')).toBe(999n);
    expect(toCents('0.1')).toBe(10n);
    expect(toCents('120')).toBe(12000n);
    expect(toCents('9999999999.99')).toBe(999999999999n);
  });

  it('adds without floating-point error', () => {
    expect(fromCents(toCents('0.1') + toCents('0.2'))).toBe('0.30');
    expect(fromCents(3n * toCents('0.1') + 2n * toCents('9.99'))).toBe('20.28');
  });

  it.each(['-1', '1.999', '1e3', '', ' 1', '0x10', '1.'])('refuses "%s"', (amount) => {
    expect(() => toCents(amount)).toThrow(RangeError);
  });
});
