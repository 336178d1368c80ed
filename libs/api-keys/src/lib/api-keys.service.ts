import { Injectable } from '@nestjs/common';
import { ApiKeyRevocations } from '@platform/auth';
import type { ApiKeyListView } from './api-key-list.view';
import type { ApiKeyView } from './api-key.view';
import type { CreatedApiKeyView } from './created-api-key.view';
import { ApiKeyStore, type NewApiKey } from './api-key-store';

/**
 * The admin operations: the store's changes, plus the announcement that makes a retirement or
 * revocation reach every replica's verification cache at once. (The store cannot announce
 * itself: libs/auth's revocations depend on the verifier, which depends on the store.)
 */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly store: ApiKeyStore,
    private readonly revocations: ApiKeyRevocations,
  ) {}

  create(clientId: string, request: NewApiKey): Promise<CreatedApiKeyView> {
    return this.store.create(clientId, request);
  }

  list(clientId: string): Promise<ApiKeyListView> {
    return this.store.list(clientId);
  }

  async retire(id: string, graceSeconds: number): Promise<ApiKeyView> {
    const key = await this.store.retire(id, graceSeconds);
    await this.revocations.announce(id);
    return key;
  }

  async revoke(id: string): Promise<void> {
    await this.store.revoke(id);
    await this.revocations.announce(id);
  }
}
