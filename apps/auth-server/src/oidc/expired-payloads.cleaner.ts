import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { deleteExpiredOidcPayloads } from './postgres-oidc-adapter';

const CLEAN_EVERY_MS = 10 * 60 * 1000;

/** Deletes expired codes, tokens, sessions and interactions every ten minutes. */
@Injectable()
export class ExpiredPayloadsCleaner implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private readonly logger = new Logger('ExpiredPayloadsCleaner');

  constructor(private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.clean(), CLEAN_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async clean(): Promise<void> {
    try {
      const deleted = await deleteExpiredOidcPayloads(this.dataSource);
      if (deleted > 0) this.logger.log(`deleted ${deleted} expired rows`);
    } catch (error) {
      this.logger.error(`clean-up failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
