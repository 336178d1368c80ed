import { Body, Controller, Delete, Get, HttpCode, Param, Post, type Type } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse } from '@nestjs/swagger';
import { Scopes } from '@platform/auth';
import type { ApiKeyPolicy } from './api-key-policy';
import { ApiKeyListView } from './api-key-list.view';
import { ApiKeyView } from './api-key.view';
import { ApiKeysService } from './api-keys.service';
import { ClientIdParams } from './client-id.params';
import { createApiKeyDto } from './create-api-key.dto';
import { CreatedApiKeyView } from './created-api-key.view';
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
    @ApiCreatedResponse({ type: CreatedApiKeyView, description: 'the new key with its secret' })
    create(@Param() { clientId }: ClientIdParams, @Body() request: CreateApiKeyDto): Promise<CreatedApiKeyView> {
      return this.apiKeys.create(clientId, request);
    }

    @Get('clients/:clientId/api-keys')
    @ApiOkResponse({ type: ApiKeyListView, description: 'every key of the client, newest first, in any state; no secrets' })
    list(@Param() { clientId }: ClientIdParams): Promise<ApiKeyListView> {
      return this.apiKeys.list(clientId);
    }

    @Post('api-keys/:id/retire')
    @HttpCode(200)
    @ApiOkResponse({ type: ApiKeyView, description: 'the key, retiring (or retired, with a grace of 0)' })
    retire(@Param('id') id: string, @Body() request: RetireApiKeyDto): Promise<ApiKeyView> {
      return this.apiKeys.retire(id, request.graceSeconds);
    }

    @Delete('api-keys/:id')
    @HttpCode(204)
    @ApiNoContentResponse({ description: 'revoked: refused from now on' })
    revoke(@Param('id') id: string): Promise<void> {
      return this.apiKeys.revoke(id);
    }
  }
  return ApiKeysAdminController;
}
