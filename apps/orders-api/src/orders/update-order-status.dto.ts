import { Equals, IsString, Matches } from 'class-validator';

/** `PATCH /orders/:id`: the one transition there is, pending → paid, with the payment that settled it. */
export class UpdateOrderStatusDto {
  @Equals('paid', { message: 'status must be "paid": the only change of status is pending → paid' })
  status!: 'paid';

  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, { message: 'paymentId must be 1-128 letters, digits, ".", "_", ":" or "-"' })
  paymentId!: string;
}
