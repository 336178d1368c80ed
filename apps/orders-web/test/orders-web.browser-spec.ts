import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page, Request } from 'playwright-core';
import { startBrowserStack, type BrowserStack } from './support/browser-stack';

/** Short enough that the first access token is renewed, and then expires, while the suite runs. */
const ACCESS_TOKEN_TTL_S = 20;
const SCREENSHOT = resolve(__dirname, '../../../.data/screenshots/orders-web-signed-in.png');
/** The database may keep orders of earlier runs: this run's order is found by its own SKU. */
const SKU = `WEB-${Date.now().toString(36)}`;
/** Generous: two cores are shared with other suites. */
const STEP_TIMEOUT_MS = 30_000;

let stack: BrowserStack;

beforeAll(async () => {
  stack = await startBrowserStack({ ACCESS_TOKEN_TTL_S: String(ACCESS_TOKEN_TTL_S) });
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

/** What one browser context sent to and got from the auth-server's token endpoint, and sent to orders-api. */
class TrafficLog {
  /** Every token issued to the page (access, refresh, ID), to look for in the page's storage. */
  readonly tokens = new Set<string>();
  readonly tokenGrants: { grantType: string; accessToken: string; issuedAt: number; expiresIn: number }[] = [];
  readonly orderCalls: { method: string; bearer: string; status: number }[] = [];

  constructor(context: BrowserContext) {
    context.on('requestfinished', (request) => void this.record(request));
  }

  private async record(request: Request): Promise<void> {
    const response = await request.response();
    if (!response) return;
    const url = new URL(request.url());
    if (url.origin === stack.auth.url && url.pathname === '/token' && request.method() === 'POST' && response.ok()) {
      const body = (await response.json()) as Record<string, string | number | undefined>;
      for (const name of ['access_token', 'refresh_token', 'id_token']) {
        if (typeof body[name] === 'string') this.tokens.add(body[name]);
      }
      this.tokenGrants.push({
        grantType: new URLSearchParams(request.postData() ?? '').get('grant_type') ?? '',
        accessToken: String(body['access_token']),
        issuedAt: Date.now(),
        expiresIn: Number(body['expires_in']),
      });
    }
    if (url.origin === stack.ordersApi.url && url.pathname === '/orders' && request.method() !== 'OPTIONS') {
      const bearer = (await request.allHeaders())['authorization']?.replace(/^Bearer /, '') ?? '';
      this.orderCalls.push({ method: request.method(), bearer, status: response.status() });
    }
  }
}

async function openApp(): Promise<{ context: BrowserContext; page: Page; traffic: TrafficLog; problems: string[] }> {
  const context = await stack.browser.newContext();
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const traffic = new TrafficLog(context);
  const page = await context.newPage();
  // CSP and Trusted Types violations, and uncaught errors, would otherwise pass silently.
  const problems: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Trusted Type/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(`${stack.webOrigin}/`);
  return { context, page, traffic, problems };
}

/** Through the auth-server's real login and consent pages. */
async function signIn(page: Page, username: string): Promise<void> {
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${stack.auth.url}/**`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(`${username}-password`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Allow' }).click();
  await page.waitForURL(`${stack.webOrigin}/`);
  await page.getByRole('heading', { level: 1, name: /^Hello, / }).waitFor();
}

/** Traffic is recorded as responses finish: wait for it rather than for a fixed time. */
async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not seen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The orders list has been rendered: a table, or the "No orders yet." line. */
async function ordersListed(page: Page): Promise<void> {
  await page.locator('#orders > table, #orders > p').waitFor();
}

async function createOrder(page: Page, order: { sku: string; quantity: number; unitPrice: string }): Promise<void> {
  await page.getByLabel('SKU').fill(order.sku);
  await page.getByLabel('Quantity').fill(String(order.quantity));
  await page.getByLabel('Unit price').fill(order.unitPrice);
  await page.getByRole('button', { name: 'Create order' }).click();
}

describe('orders-web in Chromium, against auth-server and orders-api', () => {
  describe('alice (read:orders write:orders)', () => {
    let app: Awaited<ReturnType<typeof openApp>>;

    beforeAll(async () => {
      app = await openApp();
    });
    afterAll(async () => {
      await app?.context.close();
    });

    it('signs in with Authorization Code + PKCE and shows her name, email and sub from the ID token', async () => {
      const { page, traffic } = app;
      await signIn(page, 'alice');
      expect(await page.locator('#profile-name').textContent()).toBe('Alice Example');
      expect(await page.locator('#profile-email').textContent()).toBe('alice@example.com');
      expect(await page.locator('#profile-sub').textContent()).toBe('alice');
      // The code is gone from the address bar, and the first grant was the code exchange.
      expect(page.url()).toBe(`${stack.webOrigin}/`);
      expect(traffic.tokenGrants[0]?.grantType).toBe('authorization_code');
    });

    it('lists her orders from orders-api with the access token', async () => {
      const { page, traffic } = app;
      await ordersListed(page);
      expect(traffic.orderCalls).toContainEqual(expect.objectContaining({ method: 'GET', status: 200 }));
      expect(traffic.orderCalls.every((call) => traffic.tokens.has(call.bearer))).toBe(true);
    });

    it('creates an order with the form and sees it in the list', async () => {
      const { page, traffic } = app;
      await createOrder(page, { sku: SKU, quantity: 2, unitPrice: '9.99' });
      await page
        .getByRole('status')
        .getByText(/Order .+ created: total 19\.98\./)
        .waitFor();
      const row = page.locator('tbody tr').filter({ hasText: `2 × ${SKU} at 9.99` });
      await row.waitFor();
      expect(await row.locator('td').nth(2).textContent()).toBe('19.98');
      expect(await row.locator('td').nth(3).textContent()).toBe('pending');
      expect(traffic.orderCalls).toContainEqual(expect.objectContaining({ method: 'POST', status: 201 }));

      await mkdir(join(SCREENSHOT, '..'), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
    });

    it('renews the access token with the refresh token before it expires, and keeps working after the first one expired', async () => {
      const { page, traffic } = app;
      const first = traffic.tokenGrants[0];
      if (!first) throw new Error('no token was issued');
      expect(first.expiresIn).toBe(ACCESS_TOKEN_TTL_S);
      // Renewal is due 4 s before expiry; allow for a loaded machine.
      await waitUntil(() => traffic.tokenGrants.some((grant) => grant.grantType === 'refresh_token'), 90_000);
      const renewed = traffic.tokenGrants.find((grant) => grant.grantType === 'refresh_token');
      expect(renewed?.accessToken).not.toBe(first.accessToken);

      // Once the first token has expired, orders-api refuses it (no clock tolerance here)...
      const untilExpired = first.issuedAt + (first.expiresIn + 1) * 1000 - Date.now();
      if (untilExpired > 0) await page.waitForTimeout(untilExpired);
      const withFirst = await fetch(`${stack.ordersApi.url}/orders`, { headers: { authorization: `Bearer ${first.accessToken}` } });
      expect(withFirst.status).toBe(401);

      // ...and the page still works, with a renewed one.
      const callsBefore = traffic.orderCalls.length;
      await page.getByRole('button', { name: 'Reload orders' }).click();
      await page.getByRole('status').getByText('Orders reloaded.').waitFor();
      await waitUntil(() => traffic.orderCalls.length > callsBefore, STEP_TIMEOUT_MS);
      const reload = traffic.orderCalls.at(-1);
      expect(reload).toMatchObject({ method: 'GET', status: 200 });
      expect(reload?.bearer).not.toBe(first.accessToken);
      expect(await page.locator('tbody tr').filter({ hasText: SKU }).count()).toBe(1);
    }, 150_000);

    it('keeps tokens out of localStorage, sessionStorage and cookies', async () => {
      const { page, context, traffic, problems } = app;
      const storage = await page.evaluate<{ local: string[]; session: string[]; cookie: string }>(
        '({ local: Object.keys(localStorage).map((k) => k + "=" + localStorage.getItem(k)),' +
          ' session: Object.keys(sessionStorage).map((k) => k + "=" + sessionStorage.getItem(k)), cookie: document.cookie })',
      );
      // The PKCE verifier, state and nonce stayed in sessionStorage only until the callback was read.
      expect(storage).toEqual({ local: [], session: [], cookie: '' });
      expect(await context.cookies(stack.webOrigin)).toEqual([]);
      expect(traffic.tokens.size).toBeGreaterThanOrEqual(4);
      const everything = JSON.stringify(await context.storageState());
      for (const token of traffic.tokens) expect(everything).not.toContain(token);
      expect(problems).toEqual([]);
    });

    it('logs out through the auth-server (RP-initiated logout) back to the start page, and the session is gone', async () => {
      const { page } = app;
      await page.getByRole('button', { name: 'Log out' }).click();
      await page.waitForURL(`${stack.auth.url}/**`);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(`${stack.webOrigin}/`);
      await page.getByRole('button', { name: 'Log in' }).waitFor();
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Orders');

      // The auth-server's session ended too: logging in asks for the password again.
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByLabel('Password').waitFor();
    });
  });

  describe('bob (read:orders:own only)', () => {
    it('sees his own orders, and a refused order as a message naming the missing scope write:orders', async () => {
      const { context, page, traffic, problems } = await openApp();
      try {
        await signIn(page, 'bob');
        expect(await page.locator('#profile-sub').textContent()).toBe('bob');
        await ordersListed(page);
        expect(traffic.orderCalls).toContainEqual(expect.objectContaining({ method: 'GET', status: 200 }));

        await createOrder(page, { sku: 'ABC-1', quantity: 1, unitPrice: '1.00' });
        const message = page.locator('#order-error');
        await message.getByText('write:orders').waitFor();
        expect(await message.getAttribute('role')).toBe('alert');
        expect(await message.textContent()).toBe('Not allowed: this needs the scope write:orders, which your account was not granted.');
        expect(traffic.orderCalls).toContainEqual(expect.objectContaining({ method: 'POST', status: 403 }));
        // Still signed in, the page intact.
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Hello, Bob Example');
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });
  });
});
