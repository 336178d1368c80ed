import { h, show } from './dom';
import { OidcSession, SignInError, type SignedInUser } from './oidc-session';
import { OrdersApi, OrdersApiError, type Order } from './orders-api';
import { loadWebConfig } from './web-config';

/** Polite announcements (done, loaded). */
function announce(text: string): void {
  show('messages', h('p', {}, text));
}

/** Problems the user must notice (role="alert" on the container). */
function alertUser(text: string | undefined): void {
  show('alerts', text ? h('p', { class: 'alert' }, text) : null);
}

function describe(error: unknown): string {
  if (error instanceof OrdersApiError || error instanceof SignInError) return error.message;
  return `Something went wrong: ${error instanceof Error ? error.message : String(error)}`;
}

function focusHeading(): void {
  document.querySelector<HTMLElement>('#content h1')?.focus();
}

function showStartPage(session: OidcSession | undefined): void {
  show('account');
  const login = h('button', { type: 'button', class: 'primary', disabled: session === undefined }, 'Log in');
  login.addEventListener('click', () => {
    login.disabled = true;
    session?.startSignIn().catch((error: unknown) => {
      login.disabled = false;
      alertUser(describe(error));
    });
  });
  show(
    'content',
    h('h1', { tabindex: '-1' }, 'Orders'),
    h('p', {}, 'Log in with your account to see your orders and place new ones.'),
    login,
  );
}

function showSignedIn(session: OidcSession, api: OrdersApi, user: SignedInUser): void {
  const logout = h('button', { type: 'button' }, 'Log out');
  logout.addEventListener('click', () => {
    logout.disabled = true;
    session.signOut().catch((error: unknown) => alertUser(describe(error)));
  });
  show('account', h('span', { class: 'who' }, user.name ?? user.sub), logout);

  const ordersRegion = h('div', { id: 'orders' });
  const ordersError = h('div', { id: 'orders-error', role: 'alert' });
  const reload = h('button', { type: 'button' }, 'Reload orders');
  const loadOrders = async (): Promise<void> => {
    reload.disabled = true;
    try {
      const orders = await api.list();
      ordersError.replaceChildren();
      ordersRegion.replaceChildren(ordersTable(orders));
    } catch (error) {
      ordersError.replaceChildren(h('p', { class: 'alert' }, describe(error)));
    } finally {
      reload.disabled = false;
    }
  };
  reload.addEventListener('click', () => {
    loadOrders().then(
      () => announce('Orders reloaded.'),
      () => undefined,
    );
  });

  show(
    'content',
    h('h1', { tabindex: '-1' }, `Hello, ${user.name ?? user.sub}`),
    h(
      'section',
      { 'aria-labelledby': 'profile-heading' },
      h('h2', { id: 'profile-heading' }, 'Your profile'),
      h(
        'dl',
        { class: 'profile' },
        h('dt', {}, 'Name'),
        h('dd', { id: 'profile-name' }, user.name ?? '(not shared)'),
        h('dt', {}, 'Email'),
        h('dd', { id: 'profile-email' }, user.email ?? '(not shared)'),
        h('dt', {}, 'Subject (sub)'),
        h('dd', { id: 'profile-sub' }, h('code', {}, user.sub)),
      ),
    ),
    h(
      'section',
      { 'aria-labelledby': 'orders-heading' },
      h('h2', { id: 'orders-heading' }, 'Your orders'),
      reload,
      ordersError,
      ordersRegion,
    ),
    newOrderForm(api, loadOrders),
  );
  focusHeading();
  void loadOrders();
}

function ordersTable(orders: readonly Order[]): HTMLElement {
  if (orders.length === 0) return h('p', {}, 'No orders yet.');
  const cell = (text: string) => h('td', {}, text);
  return h(
    'table',
    {},
    h('caption', { class: 'visually-hidden' }, 'Your orders, newest first'),
    h('thead', {}, h('tr', {}, ...['Order', 'Items', 'Total', 'Status', 'Created'].map((title) => h('th', { scope: 'col' }, title)))),
    h(
      'tbody',
      {},
      ...orders.map((order) =>
        h(
          'tr',
          { 'data-order-id': order.id },
          h('td', {}, h('code', {}, order.id)),
          cell(order.items.map((item) => `${item.quantity} × ${item.sku} at ${item.unitPrice}`).join(', ')),
          cell(order.total),
          cell(order.status),
          cell(new Date(order.createdAt).toLocaleString()),
        ),
      ),
    ),
  );
}

function newOrderForm(api: OrdersApi, reloadOrders: () => Promise<void>): HTMLElement {
  const field = (id: string, label: string, input: HTMLInputElement, hint?: string) =>
    h('div', { class: 'field' }, h('label', { for: id }, label), input, hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null);
  const sku = h('input', {
    id: 'order-sku',
    name: 'sku',
    required: true,
    value: 'ABC-1',
    pattern: '[A-Za-z0-9][A-Za-z0-9._\\-]{0,63}',
    'aria-describedby': 'order-sku-hint',
  });
  const quantity = h('input', {
    id: 'order-quantity',
    name: 'quantity',
    type: 'number',
    required: true,
    min: '1',
    max: '10000',
    value: '1',
  });
  const unitPrice = h('input', {
    id: 'order-unit-price',
    name: 'unitPrice',
    required: true,
    value: '9.99',
    inputmode: 'decimal',
    pattern: '\\d{1,10}(\\.\\d{1,2})?',
    'aria-describedby': 'order-unit-price-hint',
  });
  const error = h('div', { id: 'order-error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Create order');
  const form = h(
    'form',
    { 'aria-labelledby': 'new-order-heading' },
    field('order-sku', 'SKU', sku, 'Letters, digits, ".", "_" or "-", such as ABC-1.'),
    field('order-quantity', 'Quantity', quantity),
    field('order-unit-price', 'Unit price', unitPrice, 'A decimal amount with at most two decimals, such as 9.99.'),
    submit,
    error,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit.disabled = true;
    error.replaceChildren();
    api
      .create([{ sku: sku.value.trim(), quantity: Number(quantity.value), unitPrice: unitPrice.value.trim() }])
      .then(async (order) => {
        announce(`Order ${order.id} created: total ${order.total}.`);
        await reloadOrders();
      })
      .catch((failure: unknown) => error.replaceChildren(h('p', { class: 'alert' }, describe(failure))))
      .finally(() => {
        submit.disabled = false;
      });
  });
  return h('section', { 'aria-labelledby': 'new-order-heading' }, h('h2', { id: 'new-order-heading' }, 'New order'), form);
}

async function start(): Promise<void> {
  let session: OidcSession;
  let api: OrdersApi;
  try {
    const config = await loadWebConfig();
    session = await OidcSession.discover(config, window.location.origin, (reason) => {
      showStartPage(session);
      alertUser(reason);
    });
    api = new OrdersApi(config.ordersApiUrl, () => session.accessToken());
  } catch (error) {
    showStartPage(undefined);
    alertUser(
      `The sign-in service cannot be reached right now (${error instanceof Error ? error.message : String(error)}). Reload to try again.`,
    );
    return;
  }
  if (window.location.pathname !== '/callback') {
    showStartPage(session);
    return;
  }
  const callbackUrl = new URL(window.location.href);
  // The code is single-use, but keep it out of the address bar and history anyway.
  window.history.replaceState(null, '', '/');
  try {
    showSignedIn(session, api, await session.completeSignIn(callbackUrl));
    announce('You are signed in.');
  } catch (error) {
    showStartPage(session);
    alertUser(describe(error));
  }
}

void start();
