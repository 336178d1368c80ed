import { markup, trustedHtml } from './html';
import { renderPage } from './page-layout';

/** Asks before ending the session (RP-initiated logout); `formHtml` is oidc-provider's form (with its CSRF field). */
export function logoutPage(input: { formHtml: string; host: string }): string {
  return renderPage({
    title: 'Sign out?',
    body: markup`<h1>Sign out?</h1>
<p>Do you want to sign out of <strong>${input.host}</strong>?</p>
${trustedHtml(input.formHtml)}
<div class="actions">
<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Sign out</button>
<button type="submit" form="op.logoutForm">Stay signed in</button>
</div>`,
  });
}

/** Shown after a logout that has no address to return to. */
export function logoutSuccessPage(input: { clientName?: string | undefined }): string {
  const next = input.clientName ? markup`You can return to <strong>${input.clientName}</strong>.` : markup`You can close this window.`;
  return renderPage({
    title: 'Signed out',
    body: markup`<h1>You are signed out</h1>
<p>${next}</p>`,
  });
}
