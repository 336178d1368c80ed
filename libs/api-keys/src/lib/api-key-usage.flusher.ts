import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ApiKeyUsage, type ApiKeyUsageCount } from '@platform/auth';
import { ApiKeyStore } from './api-key-store';
import { mergeApiKeyUsage } from './merge-api-key-usage';

const FLUSH_INTERVAL_MS = 5000;

/**
 * Writes the per-key usage libs/auth counts in memory to the database every 5 s and once more
 * on shutdown: one statement per flush, never a write per request. Counts that fail to be
 * written are kept for the next flush.
 */
@Injectable()
export class ApiKeyUsageFlusher implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ApiKeys');
  private timer: NodeJS.Timeout | undefined;
  private unwritten: ApiKeyUsageCount[] = [];
  /** Flushes run one after another, so a slow one cannot be overtaken by the next. */
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly usage: ApiKeyUsage,
    private readonly store: ApiKeyStore,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
    // The timer alone must not keep a finished process alive.
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    // The database closes at application shutdown, after this hook: the last counts still fit in.
    await this.flush();
  }

  /** Writes the usage counted since the previous flush. */
  private flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write());
    return this.flushing;
  }

  private async write(): Promise<void> {
    const batch = mergeApiKeyUsage(this.unwritten, this.usage.drain());
    this.unwritten = [];
    try {
      await this.store.recordUsage(batch);
    } catch (error) {
      this.unwritten = batch;
      this.logger.warn({
        event: 'api_key_usage_flush_failed',
        keys: batch.length,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
