import { markup } from './html';
import { interactionPath } from './interaction-path';
import { renderPage } from './page-layout';

/** The sign-in form of an authorization request; after a failed attempt it shows `error` and keeps the username. */
export function loginPage(input: { uid: string; clientName: string; username?: string; error?: string }): string {
  const error = input.error ? markup`<p role="alert">${input.error}</p>\n` : '';
  return renderPage({
    title: 'Sign in',
    body: markup`<h1>Sign in</h1>
<p><strong>${input.clientName}</strong> asks you to sign in.</p>
${error}<form method="post" action="${interactionPath(input.uid, 'login')}">
<label for="username">Username</label>
<input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required autofocus value="${input.username ?? ''}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<div class="actions">
<button type="submit">Sign in</button>
<a href="${interactionPath(input.uid, 'abort')}">Cancel</a>
</div>
</form>`,
  });
}
