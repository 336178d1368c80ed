import { IsInt, Max, Min } from 'class-validator';
import { GRACE_SECONDS } from './api-key-rules';

/** `POST /admin/api-keys/:id/retire`: how long the key keeps working (0: refused at once). */
export class RetireApiKeyDto {
  @IsInt()
  @Min(GRACE_SECONDS.min)
  @Max(GRACE_SECONDS.max)
  graceSeconds!: number;
}
