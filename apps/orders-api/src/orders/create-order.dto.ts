import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';
import { AMOUNT_PATTERN } from './money';

export class OrderItemDto {
  @ApiProperty({ example: 'ABC-1', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { message: 'sku must be 1-64 letters, digits, ".", "_" or "-"' })
  sku!: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 10_000, example: 2 })
  @IsInt()
  @Min(1)
  @Max(10_000)
  quantity!: number;

  @ApiProperty({ description: 'a decimal string with at most two decimals', example: '9.99' })
  @IsString()
  @Matches(AMOUNT_PATTERN, { message: 'unitPrice must be a decimal string with at most two decimals, such as "9.99"' })
  unitPrice!: string;
}

export class CreateOrderDto {
  @ApiProperty({ type: [OrderItemDto], minItems: 1, maxItems: 100 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => OrderItemDto)
  items!: OrderItemDto[];
}
