import { markup } from './html';
import { renderPage } from './page-layout';

/** An error page for people: what happened and what to do, never internals such as stack traces. */
export function errorPage(input: { title: string; message: string }): string {
  return renderPage({
    title: input.title,
    body: markup`<h1>${input.title}</h1>
<p>${input.message}</p>`,
  });
}
