import { createHash } from 'node:crypto';
import { pageContentSecurityPolicy } from './page-layout';

/** Test input that breaks out of text, attributes and URLs if it is not escaped. */
export const HOSTILE = `<script>alert("x")</script>'\`&`;

/** HOSTILE as it must appear in a page. */
export const HOSTILE_ESCAPED = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&#96;&amp;';

// The forms oidc-provider 9 generates (lib/helpers/user_code_form.js, lib/actions/end_session.js), with a same-origin action.
export const DEVICE_INPUT_FORM = `<form id="op.deviceInputForm" novalidate method="post" action="/device">
  <input type="hidden" name="xsrf" value="csrf-token"/>
  <input
    type="text" name="user_code" placeholder="Enter code" onfocus="this.select(); this.onfocus = undefined;" autofocus autocomplete="off"></input>
  </form>`;

export const DEVICE_CONFIRM_FORM = `<form id="op.deviceConfirmForm" method="post" action="/device">
<input type="hidden" name="xsrf" value="csrf-token"/>
<input type="hidden" name="user_code" value="WDJB-MJHT"/>
<input type="hidden" name="confirm" value="yes"/>
</form>`;

export const LOGOUT_FORM = `<form id="op.logoutForm" method="post" action="/session/end/confirm"><input type="hidden" name="xsrf" value="csrf-token"/></form>`;

/** Checks the rules every page follows, and returns the page for further checks. */
export function expectWellFormedPage(html: string): string {
  expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
  expect(html).toMatch(/<title>[^<]+<\/title>/);
  expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
  expect(html.match(/<main>/g)).toHaveLength(1);
  expect(html).not.toMatch(/<script|https?:\/\//i);
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
  const hash = createHash('sha256').update(style, 'utf8').digest('base64');
  expect(pageContentSecurityPolicy()).toContain(`style-src 'sha256-${hash}'`);
  return html;
}

/** The `role="alert"` elements of a page. */
export function alerts(html: string): string[] {
  return [...html.matchAll(/<p role="alert">([\s\S]*?)<\/p>/g)].map((match) => match[1] ?? '');
}
