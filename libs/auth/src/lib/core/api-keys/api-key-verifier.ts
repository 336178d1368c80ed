import { InvalidApiKeyError } from '../auth-error';
import type { Principal } from '../principal';
import { VerifiedTokenCache } from '../verified-token-cache';
import { isWellFormedApiKeyId, isWellFormedApiKeySecret } from './api-key-format';
import { apiKeySecretMatches } from './api-key-hash';
import { apiKeyStatus } from './api-key-status';
import type { ApiKeyLookup, StoredApiKey } from './stored-api-key';

/** Why a key was refused, for the per-key metric (`unknown` keys are not labelled by id). */
export type ApiKeyOutcome = 'accepted' | 'malformed' | 'unknown' | 'wrong_secret' | 'revoked' | 'retired' | 'expired';

export interface ApiKeyVerifierOptions {
  readonly lookup: ApiKeyLookup;
  readonly pepper: string;
  /** How long a looked-up record (or its absence) is reused without a database read. Default 30 s. */
  readonly recordTtlMs?: number;
  /** How long a verified id + secret pair is answered from memory. Default 5 min. */
  readonly verifiedTtlMs?: number;
  readonly maxEntries?: number;
  readonly now?: () => number;
  readonly onOutcome?: (keyId: string | undefined, outcome: ApiKeyOutcome) => void;
}

/**
 * Verifies `x-api-key-id` + `x-api-key` pairs against the owner's store. Once verified, a pair
 * is answered from memory (`cached`, synchronous: no database read, no HMAC); `invalidate(id)`
 * drops every trace of a key at once, which is how a revocation takes effect.
 */
export class ApiKeyVerifier {
  private readonly records = new Map<string, { record: StoredApiKey | undefined; fetchedMs: number }>();
  /** Verified pairs, the same bounded cache as bearer tokens; `pairsById` finds a key's pairs to drop them. */
  private readonly verified: VerifiedTokenCache;
  private readonly pairsById = new Map<string, Set<string>>();
  private readonly now: () => number;

  constructor(private readonly options: ApiKeyVerifierOptions) {
    this.now = options.now ?? Date.now;
    this.verified = new VerifiedTokenCache(options.maxEntries ?? 10_000, options.verifiedTtlMs ?? 300_000, this.now);
  }

  /** The principal of a pair verified before and still valid, else `undefined`. */
  cached(id: string, secret: string): Principal | undefined {
    return this.verified.get(pairKey(id, secret));
  }

  /**
   * Checks a pair against the store (the caller has tried `cached` first).
   *
   * @throws InvalidApiKeyError (`invalid_api_key` or `revoked_api_key`)
   */
  async verify(id: string, secret: string): Promise<Principal> {
    if (!isWellFormedApiKeyId(id) || !isWellFormedApiKeySecret(secret)) {
      throw this.refuse(undefined, 'malformed', 'invalid_api_key', 'the API key is malformed (check it was copied whole)');
    }
    const record = await this.record(id);
    if (!record || !apiKeySecretMatches(secret, record.secretHash, this.options.pepper)) {
      // One answer for an unknown id and a wrong secret: the caller learns nothing about which ids exist.
      throw this.refuse(id, record ? 'wrong_secret' : 'unknown', 'invalid_api_key', 'unknown API key id or wrong secret');
    }
    const status = apiKeyStatus(record, new Date(this.now()));
    switch (status) {
      case 'revoked':
        throw this.refuse(id, 'revoked', 'revoked_api_key', 'the API key was revoked');
      case 'retired':
        throw this.refuse(id, 'retired', 'revoked_api_key', 'the API key was retired and its grace period has ended');
      case 'expired':
        throw this.refuse(id, 'expired', 'invalid_api_key', 'the API key has expired');
      case 'active':
      case 'retiring':
        break;
    }
    const principal: Principal = {
      sub: record.clientId,
      clientId: record.clientId,
      scopes: record.scopes,
      authMethod: 'api_key',
      isClientCredentials: false,
      claims: {},
      apiKeyId: record.id,
      rateLimitPerMinute: record.rateLimitPerMinute,
    };
    // Refused from the end of a grace period or the expiry on, even from memory.
    const endsMs = Math.min(Infinity, ...[record.retiredUntil, record.expiresAt].filter((end) => end !== null).map((end) => end.getTime()));
    const key = pairKey(id, secret);
    this.verified.set(key, principal, endsMs / 1000);
    const pairs = this.pairsById.get(id) ?? new Set<string>();
    pairs.add(key);
    this.pairsById.set(id, pairs);
    this.options.onOutcome?.(id, 'accepted');
    return principal;
  }

  /** Forgets everything about key `id` (after a revocation or retirement, here or on another replica). */
  invalidate(id: string): void {
    this.records.delete(id);
    for (const key of this.pairsById.get(id) ?? []) this.verified.delete(key);
    this.pairsById.delete(id);
  }

  /** Forgets every key (after this replica may have missed revocations). */
  invalidateAll(): void {
    this.records.clear();
    this.verified.clear();
    this.pairsById.clear();
  }

  private async record(id: string): Promise<StoredApiKey | undefined> {
    const cached = this.records.get(id);
    if (cached && this.now() - cached.fetchedMs < (this.options.recordTtlMs ?? 30_000)) return cached.record;
    const record = await this.options.lookup.findById(id);
    if (this.records.size >= (this.options.maxEntries ?? 10_000)) {
      const oldest = this.records.keys().next();
      if (!oldest.done) this.records.delete(oldest.value);
    }
    this.records.set(id, { record, fetchedMs: this.now() });
    return record;
  }

  private refuse(
    id: string | undefined,
    outcome: ApiKeyOutcome,
    reason: 'invalid_api_key' | 'revoked_api_key',
    description: string,
  ): InvalidApiKeyError {
    this.options.onOutcome?.(outcome === 'unknown' ? undefined : id, outcome);
    return new InvalidApiKeyError(reason, description, id);
  }
}

// A newline cannot occur in either header value, so the pair is unambiguous.
function pairKey(id: string, secret: string): string {
  return `${id}\n${secret}`;
}
