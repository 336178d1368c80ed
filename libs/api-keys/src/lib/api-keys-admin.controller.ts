import { Body, Controller, Delete, Get, HttpCode, Param, Post, type Type } from '@nestjs/common';
import { Scopes } from '@platform/auth';
import type { ApiKeyPolicy } from './api-key-policy';
import type { ApiKeyView, CreatedApiKey } from './api-key.view';
import { ApiKeysService } from './api-keys.service';
import { ClientIdParams } from './client-id.params';
import { createApiKeyDto } from './create-api-key.dto';
import { RetireApiKeyDto } from './retire-api-key.dto';

/**
 * The admin routes, for bearer tokens with the policy's admin scope only (an API key cannot
 * manage keys). Made per policy: the scope decorator and the body's allowed scopes take their
 * values when the class is made.
 */
export function createApiKeysAdminController(policy: ApiKeyPolicy): Type<unknown> {
  // Declared here so the route's parameter type, which the validation pipe reads, is this policy's DTO.
  class CreateApiKeyDto extends createApiKeyDto(policy.grantableScopes) {}

  @Scopes(policy.adminScope)
  @Controller('admin')
  class ApiKeysAdminController {
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
  return ApiKeysAdminController;
}
