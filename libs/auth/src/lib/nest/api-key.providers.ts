import { type Provider } from '@nestjs/common';
import type { Counter } from 'prom-client';
import type { AccessTokenPolicy } from '../core/access-token-policy';
import { AuthConfigError } from '../core/auth-config-error';
import { type ApiKeyOutcome, ApiKeyVerifier } from '../core/api-keys/api-key-verifier';
import { ApiKeyUsage } from '../core/api-keys/api-key-usage';
import type { ApiKeyLookup } from '../core/api-keys/stored-api-key';
import { API_KEY_LOOKUP, AUTH_POLICY } from './auth.constants';
import { processWideCounter } from './process-wide-counter';

/** Injection token of the `ApiKeyVerifier` (`undefined` when API keys are off). */
export const API_KEY_VERIFIER = Symbol('API_KEY_VERIFIER');

/** `api_key_requests_total{key_id,outcome}`. */
export function apiKeyRequestsCounter(): Counter<'key_id' | 'outcome'> {
  return processWideCounter(
    'api_key_requests_total',
    'Requests made with an API key, by key id and outcome (unknown ids are not labelled)',
    ['key_id', 'outcome'],
  );
}

/** The verifier, the usage counts and the per-key metric, when `apiKeys` is configured. */
export const API_KEY_PROVIDERS: Provider[] = [
  ApiKeyUsage,
  {
    provide: API_KEY_VERIFIER,
    inject: [AUTH_POLICY, { token: API_KEY_LOOKUP, optional: true }],
    useFactory: (policy: AccessTokenPolicy, lookup: ApiKeyLookup | undefined): ApiKeyVerifier | undefined => {
      if (policy.apiKeyPepper === undefined) return undefined;
      if (lookup === undefined) {
        throw new AuthConfigError(['API keys are on (apiKeys.pepper is set) but the app provides no API_KEY_LOOKUP']);
      }
      const requests = apiKeyRequestsCounter();
      return new ApiKeyVerifier({
        lookup,
        pepper: policy.apiKeyPepper,
        onOutcome: (keyId: string | undefined, outcome: ApiKeyOutcome) => {
          // Accepted requests from the cache are counted by the guard, which sees them all.
          if (outcome !== 'accepted') requests.inc({ key_id: keyId ?? 'unknown', outcome });
        },
      });
    },
  },
];
