import { ApiProperty } from '@nestjs/swagger';
import type { AuthMethod } from '@platform/auth';

// Keyed by every AuthMethod, so a new method cannot be left out of the documented enum.
const AUTH_METHODS = Object.keys({ bearer: true, api_key: true } satisfies Record<AuthMethod, true>) as AuthMethod[];

/** `GET /me`: the caller as the API sees it. */
export class MeView {
  @ApiProperty({ description: 'the subject: a user, or the client itself (an API key gives its client)' })
  sub!: string;

  @ApiProperty({ type: 'string', nullable: true, description: 'the OAuth client (or API-key owner); `null` when the token names none' })
  clientId!: string | null;

  @ApiProperty({ type: [String], description: "the token's (or key's) scopes" })
  scopes!: readonly string[];

  @ApiProperty({ enum: AUTH_METHODS })
  authMethod!: AuthMethod;
}
