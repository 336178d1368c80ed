import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { Scopes } from '@platform/auth';
import { API_KEY_ADMIN_SCOPE } from './api-key-scopes';
import type { ApiKeyView, CreatedApiKey } from './api-key.view';
import { ApiKeysService } from './api-keys.service';
import { ClientIdParams } from './client-id.params';
import { CreateApiKeyDto } from './create-api-key.dto';
import { RetireApiKeyDto } from './retire-api-key.dto';

/** Managing clients' API keys: bearer tokens with `admin:api-keys` only (an API key cannot manage keys). */
@Scopes(API_KEY_ADMIN_SCOPE)
@Controller('admin')
export class ApiKeysAdminController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  /** The response is the only place the secret ever appears. */
  @Post('clients/:clientId/api-keys')
  @HttpCode(201)
  create(@Param() { clientId }: ClientIdParams, @Body() request: CreateApiKeyDto): Promise<CreatedApiKey> {
    return this.apiKeys.create(clientId, request);
  }

  @Get('clients/:clientId/api-keys')
  list(@Param() { clientId }: ClientIdParams): Promise<{ apiKeys: ApiKeyView[] }> {
    return this.apiKeys.list(clientId);
  }

  @Post('api-keys/:id/retire')
  @HttpCode(200)
  retire(@Param('id') id: string, @Body() request: RetireApiKeyDto): Promise<ApiKeyView> {
    return this.apiKeys.retire(id, request.graceSeconds);
  }

  @Delete('api-keys/:id')
  @HttpCode(204)
  revoke(@Param('id') id: string): Promise<void> {
    return this.apiKeys.revoke(id);
  }
}
