import { escapeHtml } from './html';
import { consentPage } from './consent.page';
import { expectWellFormedPage, HOSTILE, HOSTILE_ESCAPED } from './page-test-fixtures';

describe('consentPage', () => {
  const input = { uid: 'abc123', clientName: 'Orders SPA', userName: 'Alice', scopes: ['openid', 'orders:read'] };
  const page = consentPage(input);

  it('is a well-formed page titled and headed "Authorize <client>"', () => {
    expectWellFormedPage(page);
    expect(page).toContain('<title>Authorize Orders SPA</title>');
    expect(page).toContain('<h1>Authorize Orders SPA</h1>');
  });

  it('tells the signed-in user which permissions the application asks for', () => {
    expect(page).toContain('Signed in as <strong>Alice</strong>');
    expect(page).toContain('<ul>\n<li><code>openid</code></li>\n<li><code>orders:read</code></li>\n</ul>');
  });

  it('renders no empty list when no scope is asked for', () => {
    expect(consentPage({ ...input, scopes: [] })).not.toContain('<ul>');
  });

  it('names the API only when given', () => {
    expect(page).not.toContain('API:');
    expect(consentPage({ ...input, apiName: 'orders-api' })).toContain('<p>API: <strong>orders-api</strong></p>');
  });

  it('posts Allow to the confirm step and links Deny to the abort step', () => {
    expect(page).toContain('<form method="post" action="/interaction/abc123/confirm">');
    expect(page).toContain('<button type="submit">Allow</button>');
    expect(page).toContain('<a href="/interaction/abc123/abort">Deny</a>');
  });

  it('shows no alert', () => {
    expect(page).not.toContain('role="alert"');
  });

  it('escapes the client name, user name, scopes and API name', () => {
    const hostile = expectWellFormedPage(
      consentPage({ uid: 'abc123', clientName: HOSTILE, userName: HOSTILE, scopes: [HOSTILE], apiName: HOSTILE }),
    );
    expect(hostile).toContain(`<title>Authorize ${HOSTILE_ESCAPED}</title>`);
    expect(hostile).toContain(`<h1>Authorize ${HOSTILE_ESCAPED}</h1>`);
    expect(hostile).toContain(`Signed in as <strong>${HOSTILE_ESCAPED}</strong>`);
    expect(hostile).toContain(`<li><code>${HOSTILE_ESCAPED}</code></li>`);
    expect(hostile).toContain(`<p>API: <strong>${HOSTILE_ESCAPED}</strong></p>`);
  });

  it('percent-encodes and escapes the uid in the form action and the deny link', () => {
    const hostile = expectWellFormedPage(consentPage({ ...input, uid: HOSTILE }));
    const uid = escapeHtml(encodeURIComponent(HOSTILE));
    expect(hostile).toContain(`action="/interaction/${uid}/confirm"`);
    expect(hostile).toContain(`href="/interaction/${uid}/abort"`);
  });
});
