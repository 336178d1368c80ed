import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One API key, a row of `api_keys` in the app's schema; the app lists it among its entities.
 *
 * @example
 * DatabaseModule.forRoot({ config, schema: 'orders_api', entities: [OrderEntity, ApiKeyEntity], migrations });
 */
@Entity({ name: 'api_keys' })
export class ApiKeyEntity {
  /** The public id (`key_...`), sent by callers in `x-api-key-id`. */
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'client_id', type: 'text' })
  clientId!: string;

  /** `hashApiKeySecret(secret, pepper)`; the secret itself is shown once and never stored. */
  @Column({ name: 'secret_hash', type: 'text' })
  secretHash!: string;

  @Column({ type: 'text', array: true })
  scopes!: string[];

  @Column({ name: 'rate_limit_per_minute', type: 'integer' })
  rateLimitPerMinute!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;

  /** The end of a retired key's grace period: it works until then. */
  @Column({ name: 'retired_until', type: 'timestamptz', nullable: true })
  retiredUntil!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  /** bigint: pg returns it as a string. */
  @Column({ name: 'usage_count', type: 'bigint', default: 0 })
  usageCount!: string;
}
