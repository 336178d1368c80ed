import { ApiProperty } from '@nestjs/swagger';
import { Equals, IsString, Matches } from 'class-validator';

/** `PATCH /orders/:id`: the one transition there is, pending → paid, with the payment that settled it. */
export class UpdateOrderStatusDto {
  @ApiProperty({ enum: ['paid'] })
  @Equals('paid', { message: 'status must be "paid": the only change of status is pending → paid' })
  status!: 'paid';

  @ApiProperty({ description: 'the payment that settled the order', example: 'pay_123' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, { message: 'paymentId must be 1-128 letters, digits, ".", "_", ":" or "-"' })
  paymentId!: string;
}
