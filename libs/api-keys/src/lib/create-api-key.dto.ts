import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { EXPIRES_IN_DAYS, MAX_SCOPES_PER_KEY, RATE_LIMIT_PER_MINUTE } from './api-key-rules';

/** The body of `POST /admin/clients/:clientId/api-keys`. */
export interface CreateApiKeyRequest {
  scopes: string[];
  rateLimitPerMinute: number;
  expiresInDays?: number;
}

/**
 * The validated body of `POST /admin/clients/:clientId/api-keys`, for the app's own scopes: a
 * class per policy, since validation decorators take their allowed values when the class is made.
 */
export function createApiKeyDto(grantableScopes: readonly string[]): new () => CreateApiKeyRequest {
  class CreateApiKeyDto implements CreateApiKeyRequest {
    @ApiProperty({ type: 'array', items: { type: 'string', enum: [...grantableScopes] }, minItems: 1, maxItems: MAX_SCOPES_PER_KEY })
    @IsArray()
    @ArrayMinSize(1)
    @ArrayMaxSize(MAX_SCOPES_PER_KEY)
    @ArrayUnique()
    @IsString({ each: true })
    @IsIn(grantableScopes, { each: true, message: `each scope must be one of: ${grantableScopes.join(', ')}` })
    scopes!: string[];

    @ApiProperty({ type: 'integer', minimum: RATE_LIMIT_PER_MINUTE.min, maximum: RATE_LIMIT_PER_MINUTE.max })
    @IsInt()
    @Min(RATE_LIMIT_PER_MINUTE.min)
    @Max(RATE_LIMIT_PER_MINUTE.max)
    rateLimitPerMinute!: number;

    @ApiPropertyOptional({ type: 'integer', minimum: EXPIRES_IN_DAYS.min, maximum: EXPIRES_IN_DAYS.max })
    @IsOptional()
    @IsInt()
    @Min(EXPIRES_IN_DAYS.min)
    @Max(EXPIRES_IN_DAYS.max)
    expiresInDays?: number;
  }
  return CreateApiKeyDto;
}
