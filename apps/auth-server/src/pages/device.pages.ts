import { markup, trustedHtml } from './html';
import { renderPage } from './page-layout';

/** The page where a user types the code their device shows; `formHtml` is oidc-provider's form (with its CSRF field). */
export function deviceCodeInputPage(input: { formHtml: string; error?: string | undefined }): string {
  const error = input.error ? markup`<p role="alert">${input.error}</p>\n` : '';
  // oidc-provider's input has no id, so no <label for> can point at it: the instruction sits right above it.
  return renderPage({
    title: 'Connect a device',
    body: markup`<h1>Connect a device</h1>
${error}<p>Enter the code shown on your device.</p>
${trustedHtml(input.formHtml)}
<div class="actions">
<button type="submit" form="op.deviceInputForm">Continue</button>
</div>`,
  });
}

/** A message for the user for the error oidc-provider passes to the code input page (undefined when there is none). */
export function deviceInputErrorMessage(error: unknown): string | undefined {
  if (!error) return undefined;
  const { name, userCode } = typeof error === 'object' ? (error as { name?: unknown; userCode?: unknown }) : {};
  // Before the userCode test: oidc-provider's ExpiredError carries the user code too.
  if (name === 'ExpiredError') return 'That code has expired. Start again on your device.';
  if (userCode || name === 'NoCodeError') return 'That code is not valid. Check the code on your device and try again.';
  if (name === 'AbortedError') return 'The sign-in was cancelled.';
  return 'Something went wrong. Try again.';
}

/** Shows the application and the code again, so the user can compare it with the device before going on. */
export function deviceConfirmPage(input: { formHtml: string; clientName: string; userCode: string }): string {
  return renderPage({
    title: 'Confirm the device',
    body: markup`<h1>Confirm the device</h1>
<p><strong>${input.clientName}</strong> wants to connect to your account.</p>
<p>Continue only if your device shows this code:</p>
<p class="user-code">${input.userCode}</p>
<p class="muted">If the code differs, or you did not start this, cancel.</p>
${trustedHtml(input.formHtml)}
<div class="actions">
<button type="submit" form="op.deviceConfirmForm">Continue</button>
<button type="submit" form="op.deviceConfirmForm" name="abort" value="yes">Cancel</button>
</div>`,
  });
}

/** The end of the device flow in the browser. */
export function deviceSuccessPage(input: { clientName: string }): string {
  return renderPage({
    title: 'Device connected',
    body: markup`<h1>Device connected</h1>
<p>You can return to <strong>${input.clientName}</strong>.</p>`,
  });
}
