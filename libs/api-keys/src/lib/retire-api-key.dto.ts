import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { GRACE_SECONDS } from './api-key-rules';

/** `POST /admin/api-keys/:id/retire`: how long the key keeps working (0: refused at once). */
export class RetireApiKeyDto {
  @ApiProperty({ type: 'integer', minimum: GRACE_SECONDS.min, maximum: GRACE_SECONDS.max, description: 'how long the key keeps working' })
  @IsInt()
  @Min(GRACE_SECONDS.min)
  @Max(GRACE_SECONDS.max)
  graceSeconds!: number;
}
