import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, Matches } from 'class-validator';
import { PAYMENT_AMOUNT_PATTERN } from './payment-amount';

export class CreatePaymentDto {
  /** An orders-api order id. */
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  orderId!: string;

  // A string, not a JSON number: binary floating point cannot carry 0.1 exactly.
  @ApiProperty({ description: 'a positive decimal string with at most two decimals', example: '12.50' })
  @IsString()
  @Matches(PAYMENT_AMOUNT_PATTERN, {
    message: 'amount must be a positive decimal string with at most two decimals and 12 digits before the point, such as "9.99"',
  })
  amount!: string;
}
