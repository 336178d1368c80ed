import * as oauth from 'oauth4webapi';

export interface OrderItem {
  readonly sku: string;
  readonly quantity: number;
  readonly unitPrice: string;
}

export interface Order {
  readonly id: string;
  readonly ownerId: string;
  readonly items: readonly OrderItem[];
  readonly total: string;
  readonly status: string;
  readonly createdAt: string;
}

/** A request orders-api refused or could not answer, with what the user should be told. */
export class OrdersApiError extends Error {
  override readonly name = 'OrdersApiError';
  constructor(
    message: string,
    readonly status: number,
    /** The OAuth error code (`insufficient_scope`, `invalid_token`), when the API named one. */
    readonly code: string | undefined,
    /** For `insufficient_scope`: the scope(s) the request needs. */
    readonly scope: string | undefined,
  ) {
    super(message);
  }
}

/** orders-api's `/orders`, called with the signed-in user's access token (RFC 6750). */
export class OrdersApi {
  constructor(
    private readonly baseUrl: string,
    private readonly accessToken: () => Promise<string>,
  ) {}

  async list(): Promise<Order[]> {
    const body = (await this.call('GET', '/orders?limit=50')) as { orders?: Order[] };
    return body.orders ?? [];
  }

  async create(items: readonly OrderItem[]): Promise<Order> {
    return (await this.call('POST', '/orders', { items })) as Order;
  }

  private async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const url = new URL(`${this.baseUrl.replace(/\/$/, '')}${path}`);
    const headers = new Headers({ accept: 'application/json' });
    if (body !== undefined) headers.set('content-type', 'application/json');
    let response: Response;
    try {
      response = await oauth.protectedResourceRequest(
        await this.accessToken(),
        method,
        url,
        headers,
        body === undefined ? null : JSON.stringify(body),
        { [oauth.allowInsecureRequests]: url.protocol === 'http:' },
      );
    } catch (error) {
      if (error instanceof oauth.WWWAuthenticateChallengeError) throw await refusal(error.response, error.cause);
      if (error instanceof TypeError) throw new OrdersApiError(`orders-api cannot be reached (${url.origin}).`, 0, undefined, undefined);
      throw error;
    }
    if (!response.ok) throw await refusal(response, []);
    return response.json();
  }
}

/**
 * What a refusal means for the user. The scope comes from the challenge (`WWW-Authenticate:
 * Bearer error="insufficient_scope", scope="write:orders"`), else from the JSON body.
 */
async function refusal(response: Response, challenges: readonly oauth.WWWAuthenticateChallenge[]): Promise<OrdersApiError> {
  const bearer = challenges.find((challenge) => challenge.scheme === 'bearer')?.parameters;
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
  const code = bearer?.['error'] ?? text(body['error']);
  const scope = bearer?.['scope'] ?? text(body['scope']);
  // Nest's validation errors list each problem in `message`.
  const messages = Array.isArray(body['message']) ? body['message'].filter((item) => typeof item === 'string').join('; ') : undefined;
  const description = bearer?.['error_description'] ?? text(body['error_description']) ?? text(messages) ?? text(body['message']);
  if (response.status === 403 && code === 'insufficient_scope') {
    const needed = scope ?? 'a scope your sign-in did not grant';
    return new OrdersApiError(`Not allowed: this needs the scope ${needed}, which your account was not granted.`, 403, code, scope);
  }
  const detail = description ?? code ?? response.statusText;
  return new OrdersApiError(
    `orders-api refused the request (${response.status}${detail ? `: ${detail}` : ''}).`,
    response.status,
    code,
    scope,
  );
}
