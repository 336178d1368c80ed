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

  onModuleInit(): void {
    if (this.policy.redisUrl === undefined || this.verifier === undefined) return;
    const verifier = this.verifier;
    const warn = (role: string) => (error: Error) => this.logger.warn({ event: 'redis_error', role, message: error.message });
    // Connects (and reconnects) in the background: a Redis outage makes /health/ready answer 503
    // instead of keeping the app from starting.
    this.publisher = new Redis(this.policy.redisUrl, { maxRetriesPerRequest: 2 });
    this.subscriber = new Redis(this.policy.redisUrl);
    this.publisher.on('error', warn('revocations-publisher'));
    this.subscriber.on('error', warn('revocations-subscriber'));
    this.subscriber.on('message', (_channel: string, keyId: string) => verifier.invalidate(keyId));
    let connectedBefore = false;
    this.subscriber.on('ready', () => {
      // Announcements made while this replica was cut off were lost: forget every cached key.
      if (connectedBefore) verifier.invalidateAll();
      connectedBefore = true;
    });
    this.subscriber.subscribe(CHANNEL).catch(warn('revocations-subscriber'));
  }

  /** Drops the key here at once and tells every other replica; never fails the caller (the store already changed). */
  async announce(keyId: string): Promise<void> {
    this.verifier?.invalidate(keyId);
    try {
      await this.publisher?.publish(CHANNEL, keyId);
    } catch (error) {
      // The change is in the database; replicas pick it up when their record cache expires or Redis returns.
      this.logger.error({ event: 'revocation_not_published', keyId, message: error instanceof Error ? error.message : String(error) });
    }
  }

  onApplicationShutdown(): void {
    // disconnect, not quit: quit waits for a connection that may never come back.
    this.publisher?.disconnect();
    this.subscriber?.disconnect();
  }
}
