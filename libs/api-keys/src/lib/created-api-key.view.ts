import { ApiProperty } from '@nestjs/swagger';

/** A new key with its secret: the one response that ever carries the secret. */
export class CreatedApiKeyView {
  @ApiProperty({ description: 'the public id, sent in x-api-key-id', example: 'key_4Qd9XkT2mV8pL1sN7bRw' })
  id!: string;

  @ApiProperty({ description: 'sent in x-api-key: `apk_` and 49 base62 characters; shown this once, only its hash is stored' })
  secret!: string;

  @ApiProperty()
  clientId!: string;

  @ApiProperty({ type: [String] })
  scopes!: string[];

  @ApiProperty({ type: 'integer' })
  rateLimitPerMinute!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: '`null`: never expires' })
  expiresAt!: string | null;
}
