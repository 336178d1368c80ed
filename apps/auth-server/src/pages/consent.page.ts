import { markup } from './html';
import { interactionPath } from './interaction-path';
import { renderPage } from './page-layout';

/** Asks the signed-in user to let an application act with the listed permissions (scopes). */
export function consentPage(input: {
  uid: string;
  clientName: string;
  userName: string;
  scopes: readonly string[];
  apiName?: string;
}): string {
  const permissions = input.scopes.length
    ? markup`<p>It asks for these permissions:</p>
<ul>
${input.scopes.map((scope) => markup`<li><code>${scope}</code></li>\n`)}</ul>
`
    : markup`<p>It asks for no permissions beyond knowing who you are.</p>\n`;
  const api = input.apiName ? markup`<p>API: <strong>${input.apiName}</strong></p>\n` : '';
  return renderPage({
    title: `Authorize ${input.clientName}`,
    body: markup`<h1>Authorize ${input.clientName}</h1>
<p class="muted">Signed in as <strong>${input.userName}</strong></p>
<p><strong>${input.clientName}</strong> wants to access your account.</p>
${permissions}${api}<form method="post" action="${interactionPath(input.uid, 'confirm')}">
<div class="actions">
<button type="submit">Allow</button>
<a href="${interactionPath(input.uid, 'abort')}">Deny</a>
</div>
</form>`,
  });
}
