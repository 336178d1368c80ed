import { OrderScopes } from '@platform/api-catalog';
import type { Principal } from '@platform/auth';

/**
 * Whose orders a caller may read: everyone's with `read:orders:any`, otherwise only its own
 * (`read:orders:own` or plain `read:orders`). Returns the owner to filter on, or `null` for all.
 */
export function visibleOwner(principal: Principal): string | null {
  return principal.scopes.includes(OrderScopes.readAny) ? null : principal.sub;
}
