import { apiKeyStatus, type ApiKeyStatus } from '@platform/auth';
import type { ApiKeyEntity } from './api-key.entity';

/** A key as admins see it: never its secret or hash. */
export interface ApiKeyView {
  id: string;
  clientId: string;
  status: ApiKeyStatus;
  scopes: string[];
  rateLimitPerMinute: number;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  retiredUntil: string | null;
  revokedAt: string | null;
  usageCount: number;
}

/** A new key with its secret: the one response that ever carries the secret. */
export interface CreatedApiKey {
  id: string;
  secret: string;
  clientId: string;
  scopes: string[];
  rateLimitPerMinute: number;
  createdAt: string;
  expiresAt: string | null;
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
