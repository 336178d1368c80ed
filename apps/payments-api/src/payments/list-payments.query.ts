import { IsUUID } from 'class-validator';

export class ListPaymentsQuery {
  /** Required: payments are listed per order, never all at once. */
  @IsUUID()
  orderId!: string;
}
