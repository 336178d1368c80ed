import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class ListPaymentsQuery {
  /** Required: payments are listed per order, never all at once. */
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  orderId!: string;
}
