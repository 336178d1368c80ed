import { CreateOidcPayloads1764432000000 } from './1764432000000-create-oidc-payloads';
import { CreateSigningKeys1764432100000 } from './1764432100000-create-signing-keys';

/** Every migration of auth-server, oldest first. */
export const AUTH_SERVER_MIGRATIONS = [CreateOidcPayloads1764432000000, CreateSigningKeys1764432100000];
