/** A signing key's place in the rotation, as stored. */
export interface ScheduledKey {
  readonly kid: string;
  /** From this moment the key signs new tokens (until a newer key's `signsFrom`). */
  readonly signsFrom: Date;
}

export interface KeySchedule {
  /** The key that signs now: the newest whose `signsFrom` has come. */
  readonly signing: string | undefined;
  /** Every key a verifier may meet: the signing key, keys waiting to sign, and retired keys whose tokens may still be alive. */
  readonly published: readonly string[];
  /** Retired keys no live token can carry any more: safe to delete. */
  readonly expired: readonly string[];
  /** When the schedule changes next (a key starts signing or a retired one expires). */
  readonly nextChangeAt: Date | undefined;
}

/**
 * Rotation without a failed request: a new key is published before it signs (`signsFrom` lies
 * ahead by more than the resource servers' JWKS cache age), and a retired key stays published
 * until every token it signed has expired (`retainS`: the longest token lifetime plus clock
 * tolerance).
 *
 * @example
 * keySchedule([{ kid: 'a', signsFrom: t0 }, { kid: 'b', signsFrom: t1 }], now, 660);
 */
export function keySchedule(keys: readonly ScheduledKey[], now: Date, retainS: number): KeySchedule {
  const ordered = [...keys].sort((a, b) => a.signsFrom.getTime() - b.signsFrom.getTime());
  const active = ordered.filter((key) => key.signsFrom <= now);
  const signing = active.at(-1);
  const published: string[] = [];
  const expired: string[] = [];
  const changes: number[] = [];
  ordered.forEach((key, index) => {
    const successor = ordered[index + 1];
    if (key.signsFrom > now) {
      published.push(key.kid);
      changes.push(key.signsFrom.getTime());
      return;
    }
    if (key === signing || !successor) {
      published.push(key.kid);
      return;
    }
    const retainedUntil = successor.signsFrom.getTime() + retainS * 1000;
    if (retainedUntil > now.getTime()) {
      published.push(key.kid);
      changes.push(retainedUntil);
    } else {
      expired.push(key.kid);
    }
  });
  // The signing key first: oidc-provider signs ID tokens with the first key of its key set.
  published.sort((a, b) => (a === signing?.kid ? -1 : b === signing?.kid ? 1 : 0));
  const next = changes.length > 0 ? new Date(Math.min(...changes)) : undefined;
  return { signing: signing?.kid, published, expired, nextChangeAt: next };
}
