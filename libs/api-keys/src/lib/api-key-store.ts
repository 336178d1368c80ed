import { ConflictException, Inject, Injectable, NotFoundException, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  type ApiKeyLookup,
  type ApiKeyUsageCount,
  generateApiKey,
  hashApiKeySecret,
  isWorkingApiKey,
  type StoredApiKey,
} from '@platform/auth';
import { ConfigError } from '@platform/server-kit';
import type { Repository } from 'typeorm';
import { ApiKeyEntity } from './api-key.entity';
import { API_KEY_PEPPER } from './api-key-pepper';
import { API_KEYS_OPTIONS, type ApiKeysOptions } from './api-key-policy';
import { MAX_WORKING_KEYS_PER_CLIENT } from './api-key-rules';
import type { ApiKeyListView } from './api-key-list.view';
import { type ApiKeyView, toApiKeyView } from './api-key.view';
import type { CreatedApiKeyView } from './created-api-key.view';

/** What `create` needs besides the client; already validated (DTO or CLI arguments). */
export interface NewApiKey {
  readonly scopes: readonly string[];
  readonly rateLimitPerMinute: number;
  readonly expiresInDays?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * An app's API keys in PostgreSQL: the lookup libs/auth verifies keys against, and the
 * operations behind the admin routes and the `apikeys` command. Changes here do not reach the
 * verifier's caches: callers announce retirements and revocations (`ApiKeysService`).
 */
@Injectable()
export class ApiKeyStore implements ApiKeyLookup, OnModuleInit {
  constructor(
    @InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>,
    @Inject(API_KEY_PEPPER) private readonly pepper: string,
    @Inject(API_KEYS_OPTIONS) private readonly options: ApiKeysOptions,
  ) {}

  onModuleInit(): void {
    // The entity lives in the database's default schema, the SQL below in the policy's: one schema, or keys go missing.
    const entitySchema = this.keys.metadata.schema;
    if (entitySchema !== this.options.schema) {
      throw new ConfigError([
        `API keys: the policy's schema is "${this.options.schema}" but the database's is "${entitySchema ?? 'public'}"`,
      ]);
    }
  }

  async findById(id: string): Promise<StoredApiKey | undefined> {
    const key = await this.keys.findOneBy({ id });
    if (!key) return undefined;
    const { clientId, secretHash, scopes, rateLimitPerMinute, expiresAt, retiredUntil, revokedAt } = key;
    return { id, clientId, secretHash, scopes, rateLimitPerMinute, expiresAt, retiredUntil, revokedAt };
  }

  /**
   * A new key for `clientId`, returned with its secret (the only time it is shown; only its hash
   * is stored). At most two keys per client work at once: a third is a 409.
   */
  async create(clientId: string, request: NewApiKey): Promise<CreatedApiKeyView> {
    const { id, secret } = generateApiKey();
    const secretHash = hashApiKeySecret(secret, this.pepper);
    const key = await this.keys.manager.transaction(async (manager) => {
      // Creates for one client queue here, across replicas: two at once cannot both count one working key.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('api-keys:' || $1))`, [clientId]);
      const now = new Date();
      const existing = await manager.find(ApiKeyEntity, {
        where: { clientId },
        select: { id: true, expiresAt: true, retiredUntil: true, revokedAt: true },
      });
      if (existing.filter((other) => isWorkingApiKey(other, now)).length >= MAX_WORKING_KEYS_PER_CLIENT) {
        throw new ConflictException({
          statusCode: 409,
          error: 'Conflict',
          message: `client ${clientId} already has ${MAX_WORKING_KEYS_PER_CLIENT} working API keys: revoke one, or retire one and let its grace period end`,
        });
      }
      const created = manager.create(ApiKeyEntity, {
        id,
        clientId,
        secretHash,
        scopes: [...request.scopes],
        rateLimitPerMinute: request.rateLimitPerMinute,
        createdAt: now,
        expiresAt: request.expiresInDays === undefined ? null : new Date(now.getTime() + request.expiresInDays * DAY_MS),
        retiredAt: null,
        retiredUntil: null,
        revokedAt: null,
        lastUsedAt: null,
      });
      await manager.insert(ApiKeyEntity, created);
      return created;
    });
    return {
      id,
      secret,
      clientId,
      scopes: key.scopes,
      rateLimitPerMinute: key.rateLimitPerMinute,
      createdAt: key.createdAt.toISOString(),
      expiresAt: key.expiresAt?.toISOString() ?? null,
    };
  }

  /** Every key of the client, newest first, in any state. */
  async list(clientId: string): Promise<ApiKeyListView> {
    const keys = await this.keys.find({ where: { clientId }, order: { createdAt: 'DESC', id: 'DESC' } });
    const now = new Date();
    return { apiKeys: keys.map((key) => toApiKeyView(key, now)) };
  }

  /**
   * Starts the key's grace period: it keeps working for `graceSeconds`, then is refused. Retiring
   * again can shorten the grace period but never extend it (a key past its grace stays refused).
   */
  async retire(id: string, graceSeconds: number): Promise<ApiKeyView> {
    const now = new Date();
    const result = await this.keys
      .createQueryBuilder()
      .update(ApiKeyEntity)
      .set({ retiredAt: () => 'COALESCE(retired_at, :now)', retiredUntil: () => 'LEAST(retired_until, :until)' })
      .where('id = :id AND revoked_at IS NULL', { id, now, until: new Date(now.getTime() + graceSeconds * 1000) })
      .execute();
    const key = await this.keys.findOneBy({ id });
    if (!key) throw apiKeyNotFound(id);
    if (result.affected === 0) {
      throw new ConflictException({ statusCode: 409, error: 'Conflict', message: `API key ${id} is revoked: it cannot be retired` });
    }
    return toApiKeyView(key, new Date());
  }

  /** Refuses the key from now on. Revoking a revoked key changes nothing and is not an error. */
  async revoke(id: string): Promise<void> {
    const result = await this.keys
      .createQueryBuilder()
      .update(ApiKeyEntity)
      .set({ revokedAt: () => 'COALESCE(revoked_at, :now)' })
      .where('id = :id', { id, now: new Date() })
      .execute();
    if (result.affected === 0) throw apiKeyNotFound(id);
  }

  /** Adds usage counted in memory, every key in one statement. */
  async recordUsage(usage: readonly ApiKeyUsageCount[]): Promise<void> {
    if (usage.length === 0) return;
    await this.keys.query(
      `UPDATE "${this.options.schema}".api_keys AS k
       SET usage_count = k.usage_count + u.count, last_used_at = GREATEST(k.last_used_at, u.last_used_at)
       FROM unnest($1::text[], $2::bigint[], $3::timestamptz[]) AS u(id, count, last_used_at)
       WHERE k.id = u.id`,
      [usage.map((u) => u.keyId), usage.map((u) => u.count), usage.map((u) => u.lastUsedAt.toISOString())],
    );
  }
}

function apiKeyNotFound(id: string): NotFoundException {
  return new NotFoundException({ statusCode: 404, error: 'Not Found', message: `API key ${id} not found` });
}
