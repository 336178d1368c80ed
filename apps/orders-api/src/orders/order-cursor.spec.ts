import { BadRequestException } from '@nestjs/common';
import { decodeOrderCursor, encodeOrderCursor } from './order-cursor';

describe('order cursor', () => {
  it('round-trips a list position', () => {
    const position = { createdAt: new Date('2026-11-28T10:00:00.123Z'), id: '6f1c1e0a-2b1a-4c3d-9e8f-0a1b2c3d4e5f' };
    expect(decodeOrderCursor(encodeOrderCursor(position))).toEqual(position);
  });

  it.each([
    ['not base64 JSON', 'bm90LWEtY3Vyc29y'],
    ['a bad date', Buffer.from(JSON.stringify(['yesterday', '6f1c1e0a-2b1a-4c3d-9e8f-0a1b2c3d4e5f'])).toString('base64url')],
    ['a bad id', Buffer.from(JSON.stringify(['2026-11-28T10:00:00.000Z', "1' OR '1'='1"])).toString('base64url')],
  ])('refuses %s with a 400', (_name, cursor) => {
    expect(() => decodeOrderCursor(cursor)).toThrow(BadRequestException);
  });
});
