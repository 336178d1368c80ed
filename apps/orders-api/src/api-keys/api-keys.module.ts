import { Module } from '@nestjs/common';
import { ApiKeyUsageFlusher } from './api-key-usage.flusher';
import { ApiKeysAdminController } from './api-keys-admin.controller';
import { ApiKeysService } from './api-keys.service';

/** The admin routes and the usage writer (the store comes from the global `ApiKeyStoreModule`). */
@Module({
  controllers: [ApiKeysAdminController],
  providers: [ApiKeysService, ApiKeyUsageFlusher],
})
export class ApiKeysModule {}
