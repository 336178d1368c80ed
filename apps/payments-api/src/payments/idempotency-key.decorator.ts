import { BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from '@platform/auth';

// Bounded in size and alphabet: the key is stored with the payment and compared byte for byte.
const IDEMPOTENCY_KEY = /^[\x20-\x7e]{1,255}$/;

/**
 * The `Idempotency-Key` header: `undefined` when absent, else 1 to 255 printable ASCII characters.
 *
 * @throws BadRequestException for any other value
 */
export function parseIdempotencyKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) {
    return undefined;
  }
  if (typeof header === 'string' && IDEMPOTENCY_KEY.test(header)) {
    return header;
  }
  throw new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: 'Idempotency-Key must be one header of 1 to 255 printable ASCII characters',
  });
}

/** The request's validated `Idempotency-Key`, or `undefined` when it sent none. */
export const IdempotencyKey = createParamDecorator((_data: unknown, context: ExecutionContext): string | undefined =>
  parseIdempotencyKey(context.switchToHttp().getRequest<AuthenticatedRequest>().headers['idempotency-key']),
);
