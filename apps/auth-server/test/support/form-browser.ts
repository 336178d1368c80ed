/**
 * A minimal browser for driving the login, consent and device pages over HTTP: a cookie jar,
 * manual redirects, and form submission by reading the page's forms.
 */
export class FormBrowser {
  private readonly cookies = new Map<string, string>();

  async get(url: string | URL): Promise<Response> {
    return this.request(url, { method: 'GET' });
  }

  async post(url: string | URL, form: Record<string, string>): Promise<Response> {
    return this.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  }

  /**
   * Follows redirects and answers the project's pages (login with `user`, consent, device
   * confirmation) until the flow leaves the server: returns the URL it was sent to (an app's
   * redirect URI) or, when it ends on a page, that page.
   */
  async completeFlow(
    start: string | URL,
    user: { username: string; password: string },
    stopAt: string,
  ): Promise<{ url: URL | undefined; page: string }> {
    let response = await this.get(start);
    let url = new URL(start);
    for (let step = 0; step < 20; step += 1) {
      const location = response.headers.get('location');
      if (location) {
        url = new URL(location, url);
        if (url.href.startsWith(stopAt)) return { url, page: '' };
        response = await this.get(url);
        continue;
      }
      const page = await response.text();
      if (response.status >= 400) throw new Error(`${url.href} answered ${response.status}: ${page.slice(0, 300)}`);
      const forms = readForms(page);
      const login = forms.find((form) => form.action.endsWith('/login'));
      const consent = forms.find((form) => form.action.endsWith('/confirm'));
      const deviceConfirm = forms.find((form) => form.id === 'op.deviceConfirmForm');
      if (login) {
        response = await this.post(new URL(login.action, url), { username: user.username, password: user.password });
      } else if (consent) {
        response = await this.post(new URL(consent.action, url), consent.fields);
      } else if (deviceConfirm) {
        response = await this.post(new URL(deviceConfirm.action, url), deviceConfirm.fields);
      } else {
        return { url: undefined, page };
      }
    }
    throw new Error('the flow did not end within 20 steps');
  }

  private async request(url: string | URL, init: RequestInit): Promise<Response> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string> | undefined), ...(cookie ? { cookie } : {}) },
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const expired = attributes.some((attribute) => /^\s*expires=Thu, 01 Jan 1970/i.test(attribute)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }
}

export interface PageForm {
  readonly id: string | undefined;
  readonly action: string;
  /** Every named input with its value (hidden fields included). */
  readonly fields: Record<string, string>;
}

/** The forms of an HTML page, read with regular expressions (enough for the project's own pages). */
export function readForms(html: string): PageForm[] {
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)].map(([, attributes = '', body = '']) => {
    const fields: Record<string, string> = {};
    for (const [input] of body.matchAll(/<input\b[^>]*>/gi)) {
      const name = attribute(input, 'name');
      if (name) fields[name] = decodeEntities(attribute(input, 'value') ?? '');
    }
    return { id: attribute(attributes, 'id'), action: decodeEntities(attribute(attributes, 'action') ?? ''), fields };
  });
}

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\b${name}="([^"]*)"`, 'i').exec(tag)?.[1];
}

function decodeEntities(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
