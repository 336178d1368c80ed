import type { IncomingMessage, ServerResponse } from 'node:http';
import { Logger, type OnModuleDestroy } from '@nestjs/common';
import Provider, { type AdapterConstructor, type ClientMetadata, type JWK } from 'oidc-provider';
import type { AuthServerConfig } from '../auth-server.config';
import { keySchedule } from '../keys/signing-key-schedule';
import type { SigningKeyStore, StoredSigningKey } from '../keys/signing-key-store';
import type { UserDirectory } from '../users/user-directory';
import type { ApiResource } from './api-registry';
import { ID_TOKEN_TTL_S, oidcConfiguration } from './oidc-configuration';

export interface OidcProviderHostOptions {
  readonly config: AuthServerConfig;
  readonly apis: readonly ApiResource[];
  readonly clients: readonly ClientMetadata[];
  readonly users: UserDirectory;
  readonly adapter: AdapterConstructor;
  readonly keys: SigningKeyStore;
  /** How often other replicas' key rotations are picked up from the database. */
  readonly keyPollIntervalMs?: number;
  /** Called with each provider built (the first and one per key change), before it serves. */
  readonly onProviderBuilt?: (provider: Provider) => void;
}

/**
 * Owns the oidc-provider instance. Its key set is fixed at construction, so when the signing
 * keys change (a rotation is published, a new key starts signing, a retired key expires) the
 * host builds a new provider from the same database-backed state and swaps it in.
 */
export class OidcProviderHost implements OnModuleDestroy {
  private provider: Provider | undefined;
  private callback: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
  private storedKeys: StoredSigningKey[] = [];
  private cookieKeys: string[] = [];
  private publishedFingerprint = '';
  private timer: NodeJS.Timeout | undefined;
  private readonly logger = new Logger('Keys');

  constructor(private readonly options: OidcProviderHostOptions) {}

  /** The current provider (interaction handlers call its helpers). */
  get current(): Provider {
    if (!this.provider) throw new Error('OidcProviderHost.start() has not run');
    return this.provider;
  }

  /** Serves a request with the current provider. */
  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    if (!this.callback) throw new Error('OidcProviderHost.start() has not run');
    void this.callback(req, res);
  };

  async start(): Promise<void> {
    await this.options.keys.ensureFirstKey();
    this.cookieKeys = [await this.options.keys.secret('cookie-key')];
    await this.refresh();
  }

  onModuleDestroy(): void {
    clearTimeout(this.timer);
  }

  /** Publishes a new signing key, which signs from `keyRotationLeadS` on. */
  async rotate(): Promise<{ kid: string; signsFrom: Date }> {
    const rotated = await this.options.keys.rotate(this.options.config.keyRotationLeadS);
    await this.refresh();
    return rotated;
  }

  /** The kid signing now, derived from the schedule at call time. */
  signingKid(): string | undefined {
    return keySchedule(this.storedKeys, new Date(), this.retainS).signing;
  }

  private get retainS(): number {
    // Every token a retired key signed must still verify: the longest token lifetime plus clock tolerance.
    return Math.max(this.options.config.accessTokenTtlS, ID_TOKEN_TTL_S) + 60;
  }

  private async refresh(): Promise<void> {
    clearTimeout(this.timer);
    try {
      this.storedKeys = await this.options.keys.list();
      const schedule = keySchedule(this.storedKeys, new Date(), this.retainS);
      if (schedule.expired.length > 0) {
        await this.options.keys.delete(schedule.expired);
        this.logger.log(`retired signing keys removed: ${schedule.expired.join(', ')}`);
      }
      const fingerprint = `${schedule.signing ?? ''}|${schedule.published.join(',')}`;
      if (fingerprint !== this.publishedFingerprint) {
        this.build(schedule.published);
        this.publishedFingerprint = fingerprint;
        this.logger.log(`signing with ${schedule.signing ?? 'no key yet'}; published: ${schedule.published.join(', ')}`);
      }
      this.schedule(schedule.nextChangeAt);
    } catch (error) {
      if (!this.provider) throw error;
      // Keep serving with the keys already loaded; try again at the next poll.
      this.logger.error(`signing keys could not be refreshed: ${error instanceof Error ? error.message : String(error)}`);
      this.schedule(undefined);
    }
  }

  private schedule(nextChangeAt: Date | undefined): void {
    const poll = this.options.keyPollIntervalMs ?? 30_000;
    const untilChange = nextChangeAt ? Math.max(0, nextChangeAt.getTime() - Date.now()) : poll;
    this.timer = setTimeout(() => void this.refresh(), Math.min(poll, untilChange));
    this.timer.unref();
  }

  private build(publishedKids: readonly string[]): void {
    const byKid = new Map(this.storedKeys.map((key) => [key.kid, key.privateJwk]));
    const keys = publishedKids.map((kid) => byKid.get(kid)).filter((key) => key !== undefined) as JWK[];
    const { config } = this.options;
    const provider = new Provider(
      config.issuer,
      oidcConfiguration({
        adapter: this.options.adapter,
        apis: this.options.apis,
        clients: this.options.clients,
        users: this.options.users,
        keys,
        signingKid: () => this.signingKid(),
        cookieKeys: this.cookieKeys,
        accessTokenTtlS: config.accessTokenTtlS,
        opaqueTokenApis: config.opaqueTokenApis,
      }),
    );
    this.options.onProviderBuilt?.(provider);
    this.provider = provider;
    this.callback = provider.callback();
  }
}
