import { ApiProperty } from '@nestjs/swagger';
import { apiKeyStatus, type ApiKeyStatus } from '@platform/auth';
import type { ApiKeyEntity } from './api-key.entity';

// Keyed by every ApiKeyStatus, so a new status cannot be left out of the documented enum.
const API_KEY_STATUSES = Object.keys({
  active: true,
  retiring: true,
  retired: true,
  revoked: true,
  expired: true,
} satisfies Record<ApiKeyStatus, true>) as ApiKeyStatus[];

/** A key as admins see it: never its secret or hash. */
export class ApiKeyView {
  @ApiProperty({ description: 'the public id, sent in x-api-key-id', example: 'key_4Qd9XkT2mV8pL1sN7bRw' })
  id!: string;

  @ApiProperty({ description: 'the partner client the key belongs to' })
  clientId!: string;

  @ApiProperty({ enum: API_KEY_STATUSES, description: 'only active and retiring keys are accepted' })
  status!: ApiKeyStatus;

  @ApiProperty({ type: [String] })
  scopes!: string[];

  @ApiProperty({ type: 'integer', description: "the key's own budget per minute, across all routes" })
  rateLimitPerMinute!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: '`null` until first used' })
  lastUsedAt!: string | null;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: '`null`: never expires' })
  expiresAt!: string | null;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'a retired key works until then' })
  retiredUntil!: string | null;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  revokedAt!: string | null;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'requests made with the key' })
  usageCount!: number;
}

/** The admin view of a stored key at `now`: its status by the same rule the verifier refuses keys by. */
export function toApiKeyView(key: ApiKeyEntity, now: Date): ApiKeyView {
  return {
    id: key.id,
    clientId: key.clientId,
    status: apiKeyStatus(key, now),
    scopes: key.scopes,
    rateLimitPerMinute: key.rateLimitPerMinute,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    expiresAt: key.expiresAt?.toISOString() ?? null,
    retiredUntil: key.retiredUntil?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
    usageCount: Number(key.usageCount),
  };
}
