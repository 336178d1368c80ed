import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { CLIENT_ID_PATTERN } from './api-key-rules';

/** The `:clientId` of the admin routes. */
export class ClientIdParams {
  @ApiProperty({ description: 'the partner client the keys belong to' })
  @Matches(CLIENT_ID_PATTERN, { message: 'clientId must be 1-64 letters, digits, ".", "_" or "-"' })
  clientId!: string;
}
