import { errorPage } from './error.page';
import { expectWellFormedPage, HOSTILE, HOSTILE_ESCAPED } from './page-test-fixtures';

describe('errorPage', () => {
  it('shows the title as title and heading, and the message', () => {
    const page = expectWellFormedPage(
      errorPage({ title: 'This sign-in has expired', message: 'Go back to the application and start again.' }),
    );
    expect(page).toContain('<title>This sign-in has expired</title>');
    expect(page).toContain('<h1>This sign-in has expired</h1>\n<p>Go back to the application and start again.</p>');
  });

  it('escapes the title and the message', () => {
    const page = expectWellFormedPage(errorPage({ title: HOSTILE, message: HOSTILE }));
    expect(page).toContain(`<title>${HOSTILE_ESCAPED}</title>`);
    expect(page).toContain(`<h1>${HOSTILE_ESCAPED}</h1>\n<p>${HOSTILE_ESCAPED}</p>`);
  });
});
