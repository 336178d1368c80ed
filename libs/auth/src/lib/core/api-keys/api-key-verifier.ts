import { InvalidApiKeyError } from '../auth-error';
import type { Principal } from '../principal';
import { isWellFormedApiKeyId, isWellFormedApiKeySecret } from './api-key-format';
import { apiKeySecretMatches } from './api-key-hash';
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

interface VerifiedEntry {
  readonly principal: Principal;
  /** Refused from this instant on (expiry, end of a grace period), or the cache bound. */
  readonly validUntilMs: number;
}

/**
 * Verifies `x-api-key-id` + `x-api-key` pairs against the owner's store. Once verified, a pair
 * is answered from memory (`cached`, synchronous: no database read, no HMAC); `invalidate(id)`
 * drops every trace of a key at once, which is how a revocation takes effect.
 */
export class ApiKeyVerifier {
  private readonly records = new Map<string, { record: StoredApiKey | undefined; fetchedMs: number }>();
  private readonly verified = new Map<string, VerifiedEntry>();
  private readonly verifiedById = new Map<string, Set<string>>();
  private readonly now: () => number;

  constructor(private readonly options: ApiKeyVerifierOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The principal of a pair verified before and still valid, else `undefined`. */
  cached(id: string, secret: string): Principal | undefined {
    const key = pairKey(id, secret);
    const entry = this.verified.get(key);
    if (entry === undefined) return undefined;
    if (entry.validUntilMs <= this.now()) {
      this.forgetPair(id, key);
      return undefined;
    }
    return entry.principal;
  }

  /**
   * @throws InvalidApiKeyError (`invalid_api_key` or `revoked_api_key`)
   */
  async verify(id: string, secret: string): Promise<Principal> {
    const cached = this.cached(id, secret);
    if (cached) return cached;
    if (!isWellFormedApiKeyId(id) || !isWellFormedApiKeySecret(secret)) {
      throw this.refuse(undefined, 'malformed', 'invalid_api_key', 'the API key is malformed (check it was copied whole)');
    }
    const record = await this.record(id);
    if (!record || !apiKeySecretMatches(secret, record.secretHash, this.options.pepper)) {
      // One answer for an unknown id and a wrong secret: the caller learns nothing about which ids exist.
      throw this.refuse(id, record ? 'wrong_secret' : 'unknown', 'invalid_api_key', 'unknown API key id or wrong secret');
    }
    const now = this.now();
    if (record.revokedAt !== null && record.revokedAt.getTime() <= now) {
      throw this.refuse(id, 'revoked', 'revoked_api_key', 'the API key was revoked');
    }
    if (record.retiredUntil !== null && record.retiredUntil.getTime() <= now) {
      throw this.refuse(id, 'retired', 'revoked_api_key', 'the API key was retired and its grace period has ended');
    }
    if (record.expiresAt !== null && record.expiresAt.getTime() <= now) {
      throw this.refuse(id, 'expired', 'invalid_api_key', 'the API key has expired');
    }
    const principal: Principal = {
      sub: record.clientId,
      clientId: record.clientId,
      scopes: record.scopes,
      authMethod: 'api_key',
      claims: {},
      apiKeyId: record.id,
      rateLimitPerMinute: record.rateLimitPerMinute,
    };
    const ends = [record.retiredUntil, record.expiresAt].filter((end): end is Date => end !== null).map((end) => end.getTime());
    this.remember(id, pairKey(id, secret), { principal, validUntilMs: Math.min(now + (this.options.verifiedTtlMs ?? 300_000), ...ends) });
    this.options.onOutcome?.(id, 'accepted');
    return principal;
  }

  /** Forgets everything about key `id` (after a revocation or retirement, here or on another replica). */
  invalidate(id: string): void {
    this.records.delete(id);
    for (const key of this.verifiedById.get(id) ?? []) this.verified.delete(key);
    this.verifiedById.delete(id);
  }

  /** Forgets every key (after this replica may have missed revocations). */
  invalidateAll(): void {
    this.records.clear();
    this.verified.clear();
    this.verifiedById.clear();
  }

  private async record(id: string): Promise<StoredApiKey | undefined> {
    const cached = this.records.get(id);
    if (cached && this.now() - cached.fetchedMs < (this.options.recordTtlMs ?? 30_000)) return cached.record;
    const record = await this.options.lookup.findById(id);
    this.bound(this.records);
    this.records.set(id, { record, fetchedMs: this.now() });
    return record;
  }

  private remember(id: string, key: string, entry: VerifiedEntry): void {
    if (this.verified.size >= (this.options.maxEntries ?? 10_000)) {
      const oldest = this.verified.keys().next();
      if (!oldest.done) this.forgetPair(oldest.value.slice(0, oldest.value.indexOf('\n')), oldest.value);
    }
    this.verified.set(key, entry);
    const keys = this.verifiedById.get(id) ?? new Set<string>();
    keys.add(key);
    this.verifiedById.set(id, keys);
  }

  private forgetPair(id: string, key: string): void {
    this.verified.delete(key);
    this.verifiedById.get(id)?.delete(key);
  }

  private bound(map: Map<string, unknown>): void {
    if (map.size >= (this.options.maxEntries ?? 10_000)) {
      const oldest = map.keys().next();
      if (!oldest.done) map.delete(oldest.value);
    }
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
