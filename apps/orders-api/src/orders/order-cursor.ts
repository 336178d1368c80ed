import { BadRequestException } from '@nestjs/common';

export interface OrderCursor {
  readonly createdAt: Date;
  readonly id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An opaque list position: the last order of a page, as base64url JSON. */
export function encodeOrderCursor(cursor: OrderCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id])).toString('base64url');
}

/** @throws BadRequestException when the cursor was not made by `encodeOrderCursor` */
export function decodeOrderCursor(value: string): OrderCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && typeof parsed[0] === 'string' && typeof parsed[1] === 'string' && UUID.test(parsed[1])) {
      const createdAt = new Date(parsed[0]);
      if (!Number.isNaN(createdAt.getTime())) {
        return { createdAt, id: parsed[1] };
      }
    }
  } catch {
    // reported below
  }
  throw new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: 'cursor is not a value this API returned as nextCursor',
  });
}
