import type { Principal } from '../core/principal';

/**
 * The part of a request libs/auth reads. Both Fastify and Express requests fit it, so the
 * library depends on neither adapter.
 */
export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  method?: string;
  url?: string;
  user?: Principal;
}
