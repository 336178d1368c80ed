import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import type { AccessTokenPolicy } from '../core/access-token-policy';
import type { ApiKeyVerifier } from '../core/api-keys/api-key-verifier';
import { API_KEY_VERIFIER } from './api-key.providers';
import { AUTH_POLICY } from './auth.constants';

const CHANNEL = 'auth:api-keys:invalidate';

/**
 * Makes a revocation or retirement take effect everywhere: `announce(keyId)` drops the key from
 * this process's caches at once and, with `redisUrl`, publishes it so every replica does the
 * same (pub/sub delivers in milliseconds). Without Redis, other replicas notice when their record
 * cache expires (30 s): run one replica, or configure Redis.
 *
 * @example
 * await store.revoke(id);
 * await revocations.announce(id);
 */
@Injectable()
export class ApiKeyRevocations implements OnModuleInit, OnApplicationShutdown {
  private publisher: Redis | undefined;
  private subscriber: Redis | undefined;
  private readonly logger = new Logger('ApiKeys');

  constructor(
    @Inject(AUTH_POLICY) private readonly policy: AccessTokenPolicy,
    @Inject(API_KEY_VERIFIER) private readonly verifier: ApiKeyVerifier | undefined,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.policy.redisUrl === undefined || this.verifier === undefined) return;
    const verifier = this.verifier;
    this.publisher = new Redis(this.policy.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 });
    this.subscriber = new Redis(this.policy.redisUrl, { lazyConnect: true });
    this.subscriber.on('message', (_channel: string, keyId: string) => verifier.invalidate(keyId));
    this.subscriber.on('error', (error: Error) => this.logger.warn({ event: 'redis_error', role: 'revocations', message: error.message }));
    this.publisher.on('error', (error: Error) => this.logger.warn({ event: 'redis_error', role: 'revocations', message: error.message }));
    await Promise.all([this.publisher.connect(), this.subscriber.connect()]);
    await this.subscriber.subscribe(CHANNEL);
  }

  async announce(keyId: string): Promise<void> {
    this.verifier?.invalidate(keyId);
    await this.publisher?.publish(CHANNEL, keyId);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.publisher?.quit(), this.subscriber?.quit()]);
  }
}
