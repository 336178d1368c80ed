import { escapeHtml } from './html';
import { loginPage } from './login.page';
import { alerts, expectWellFormedPage, HOSTILE, HOSTILE_ESCAPED } from './page-test-fixtures';

describe('loginPage', () => {
  const page = loginPage({ uid: 'abc123', clientName: 'Orders SPA' });

  it('is a well-formed page titled and headed "Sign in"', () => {
    expectWellFormedPage(page);
    expect(page).toContain('<title>Sign in</title>');
    expect(page).toContain('<h1>Sign in</h1>');
  });

  it('names the application that asks', () => {
    expect(page).toContain('<strong>Orders SPA</strong> asks you to sign in.');
  });

  it('posts to the login step of the interaction', () => {
    expect(page).toContain('<form method="post" action="/interaction/abc123/login">');
  });

  it('has a labelled username input that is required, focused and autocompletes as a username', () => {
    expect(page).toContain('<label for="username">Username</label>');
    expect(page).toMatch(/<input id="username" name="username" type="text" autocomplete="username" [^>]*required autofocus value="">/);
  });

  it('has a labelled, required password input that autocompletes the current password', () => {
    expect(page).toContain('<label for="password">Password</label>');
    expect(page).toContain('<input id="password" name="password" type="password" autocomplete="current-password" required>');
  });

  it('has a "Sign in" submit button and a Cancel link to the abort step', () => {
    expect(page).toContain('<button type="submit">Sign in</button>');
    expect(page).toContain('<a href="/interaction/abc123/abort">Cancel</a>');
  });

  it('shows no alert without an error', () => {
    expect(page).not.toContain('role="alert"');
  });

  it('shows the error in an alert and keeps the entered username', () => {
    const failed = loginPage({
      uid: 'abc123',
      clientName: 'Orders SPA',
      username: 'alice',
      error: 'The username or password is not right.',
    });
    expect(alerts(failed)).toEqual(['The username or password is not right.']);
    expect(failed).toContain('value="alice">');
  });

  it('escapes the client name, username and error', () => {
    const hostile = expectWellFormedPage(loginPage({ uid: 'abc123', clientName: HOSTILE, username: HOSTILE, error: HOSTILE }));
    expect(hostile).toContain(`<strong>${HOSTILE_ESCAPED}</strong>`);
    expect(hostile).toContain(`value="${HOSTILE_ESCAPED}">`);
    expect(alerts(hostile)).toEqual([HOSTILE_ESCAPED]);
  });

  it('percent-encodes and escapes the uid in the form action and the cancel link', () => {
    const hostile = expectWellFormedPage(loginPage({ uid: `${HOSTILE}/x`, clientName: 'app' }));
    const uid = escapeHtml(encodeURIComponent(`${HOSTILE}/x`));
    expect(uid).not.toContain('/');
    expect(hostile).toContain(`action="/interaction/${uid}/login"`);
    expect(hostile).toContain(`href="/interaction/${uid}/abort"`);
  });
});
