import { ApiProperty } from '@nestjs/swagger';
import { ApiKeyView } from './api-key.view';

/** `GET /admin/clients/:clientId/api-keys`: every key of the client, newest first, in any state. */
export class ApiKeyListView {
  @ApiProperty({ type: [ApiKeyView] })
  apiKeys!: ApiKeyView[];
}
