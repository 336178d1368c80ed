import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { EXPIRES_IN_DAYS, MAX_SCOPES_PER_KEY, RATE_LIMIT_PER_MINUTE } from './api-key-rules';
import { GRANTABLE_API_KEY_SCOPES } from './api-key-scopes';

/** `POST /admin/clients/:clientId/api-keys`. */
export class CreateApiKeyDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SCOPES_PER_KEY)
  @ArrayUnique()
  @IsString({ each: true })
  @IsIn(GRANTABLE_API_KEY_SCOPES, { each: true, message: `each scope must be one of: ${GRANTABLE_API_KEY_SCOPES.join(', ')}` })
  scopes!: string[];

  @IsInt()
  @Min(RATE_LIMIT_PER_MINUTE.min)
  @Max(RATE_LIMIT_PER_MINUTE.max)
  rateLimitPerMinute!: number;

  @IsOptional()
  @IsInt()
  @Min(EXPIRES_IN_DAYS.min)
  @Max(EXPIRES_IN_DAYS.max)
  expiresInDays?: number;
}
