import { BadRequestException } from '@nestjs/common';
import { parseIdempotencyKey } from './idempotency-key.decorator';

describe('Idempotency-Key header', () => {
  it('is optional', () => {
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
  });

  it.each([
    ['a UUID', '5f0c8a3e-2b1d-4c6e-9f7a-1b2c3d4e5f60'],
    ['one character', 'k'],
    ['255 characters', 'k'.repeat(255)],
    ['printable punctuation and spaces', 'order 42/retry#1 ~!'],
  ])('accepts %s as is', (_name, key) => {
    expect(parseIdempotencyKey(key)).toBe(key);
  });

  it.each([
    ['the empty string', ''],
    ['256 characters', 'k'.repeat(256)],
    ['a non-ASCII character', 'caf\u00e9'],
    ['a control character', 'key\u0007'],
    ['the header sent twice', ['a', 'b']],
  ])('refuses %s with a 400', (_name, header) => {
    expect(() => parseIdempotencyKey(header)).toThrow(BadRequestException);
  });
});
