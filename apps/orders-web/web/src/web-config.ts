/** What the static server serves as `/config.json` (from AUTH_ISSUER, ORDERS_API_URL, CLIENT_ID at its start). */
export interface WebConfig {
  readonly issuer: string;
  readonly ordersApiUrl: string;
  readonly clientId: string;
}

export async function loadWebConfig(): Promise<WebConfig> {
  const response = await fetch('/config.json', { cache: 'no-cache' });
  if (!response.ok) throw new Error(`/config.json answered ${response.status}`);
  const body = (await response.json()) as Partial<Record<keyof WebConfig, unknown>>;
  const { issuer, ordersApiUrl, clientId } = body;
  if (typeof issuer !== 'string' || typeof ordersApiUrl !== 'string' || typeof clientId !== 'string') {
    throw new Error('/config.json lacks issuer, ordersApiUrl or clientId');
  }
  return { issuer, ordersApiUrl, clientId };
}
