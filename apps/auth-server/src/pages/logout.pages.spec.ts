import { logoutPage, logoutSuccessPage } from './logout.pages';
import { expectWellFormedPage, HOSTILE, HOSTILE_ESCAPED, LOGOUT_FORM } from './page-test-fixtures';

describe('logoutPage', () => {
  const page = logoutPage({ formHtml: LOGOUT_FORM, host: 'auth.example.test' });

  it('is a well-formed page headed "Sign out?" that names the host', () => {
    expectWellFormedPage(page);
    expect(page).toContain('<h1>Sign out?</h1>');
    expect(page).toContain('<strong>auth.example.test</strong>');
  });

  it("inserts oidc-provider's form as is, then a focused Sign out button and a Stay signed in button for that form", () => {
    expect(page).toContain(
      `${LOGOUT_FORM}\n<div class="actions">\n<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Sign out</button>\n<button type="submit" form="op.logoutForm">Stay signed in</button>`,
    );
  });

  it('escapes the host', () => {
    expect(expectWellFormedPage(logoutPage({ formHtml: LOGOUT_FORM, host: HOSTILE }))).toContain(`<strong>${HOSTILE_ESCAPED}</strong>`);
  });
});

describe('logoutSuccessPage', () => {
  it('says the user is signed out', () => {
    const page = expectWellFormedPage(logoutSuccessPage({}));
    expect(page).toContain('<h1>You are signed out</h1>');
    expect(page).toContain('You can close this window.');
  });

  it('names the application to return to when known, escaped', () => {
    expect(logoutSuccessPage({ clientName: 'Orders SPA' })).toContain('You can return to <strong>Orders SPA</strong>.');
    expect(expectWellFormedPage(logoutSuccessPage({ clientName: HOSTILE }))).toContain(`<strong>${HOSTILE_ESCAPED}</strong>`);
  });
});
