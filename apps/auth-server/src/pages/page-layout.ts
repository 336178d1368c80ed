import { createHash } from 'node:crypto';
import { markup, type SafeHtml, trustedHtml } from './html';

// The only stylesheet: inline, ASCII, allowed by its hash. Colours meet WCAG AA (text >= 4.5:1, borders and focus >= 3:1).
const STYLE = [
  ':root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#6e7781;--accent:#0b57d0;--on-accent:#fff;--error:#a4161a;--error-bg:#fdecec}',
  '@media (prefers-color-scheme:dark){:root{--bg:#121417;--fg:#e6e8eb;--muted:#9aa4ae;--line:#9aa4ae;--accent:#8ab4f8;--on-accent:#0b1a33;--error:#ffb4ab;--error-bg:#3b1212}}',
  '*,*::before,*::after{box-sizing:border-box}',
  'body{margin:0;padding:2rem 1rem;background:var(--bg);color:var(--fg);font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}',
  'main{max-width:28rem;margin:0 auto}',
  'h1{font-size:1.5rem;line-height:1.25;margin:0 0 1rem}',
  'p,ul{margin:0 0 1rem}',
  'a{color:var(--accent)}',
  'label{display:block;margin:1rem 0 .25rem;font-weight:600}',
  'input[type=text],input[type=password]{display:block;width:100%;padding:.625rem;font:inherit;color:inherit;background:var(--bg);border:1px solid var(--line);border-radius:.375rem}',
  'input[name=user_code]{font-size:1.25rem;letter-spacing:.1em;text-transform:uppercase}',
  'input[name=user_code]::placeholder{letter-spacing:normal;text-transform:none}',
  '.actions{display:flex;flex-wrap:wrap;align-items:center;gap:.75rem 1rem;margin:1.5rem 0 0}',
  'button{padding:.625rem 1.25rem;font:inherit;font-weight:600;color:var(--accent);background:var(--bg);border:1px solid var(--accent);border-radius:.375rem;cursor:pointer}',
  '.actions>button:first-child{color:var(--on-accent);background:var(--accent)}',
  ':focus-visible{outline:3px solid var(--accent);outline-offset:2px}',
  '[role=alert]{padding:.75rem 1rem;color:var(--error);background:var(--error-bg);border:1px solid var(--error);border-radius:.375rem}',
  '.user-code{font:600 1.75rem/1.2 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;letter-spacing:.1em;overflow-wrap:anywhere}',
  '.muted{color:var(--muted)}',
].join('\n');

const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE, 'utf8').digest('base64')}'`;

/**
 * The Content-Security-Policy of a page: only the inline style (by hash), forms posting to this
 * origin, no framing. Chrome and Safari also check `form-action` against the redirects that follow
 * a form post, so a page whose form ends in a redirect to a client (login, consent, logout) must
 * name that redirect URI here, or the browser stops at the last same-origin hop.
 */
export function pageContentSecurityPolicy(formRedirectTargets: readonly string[] = []): string {
  const formTargets = new Set(["'self'", ...formRedirectTargets.flatMap(sourceExpression)]);
  return [
    "default-src 'none'",
    `style-src ${STYLE_HASH}`,
    `form-action ${[...formTargets].join(' ')}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** A complete HTML document around a page body; `title` is escaped, `body` is already safe markup. */
export function renderPage(page: { title: string; body: SafeHtml }): string {
  return markup`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title}</title>
<style>${trustedHtml(STYLE)}</style>
</head>
<body>
<main>
${page.body}
</main>
</body>
</html>
`.toString();
}

// Schemes that would let a form run or smuggle content rather than navigate to a client.
const UNSAFE_SCHEMES = new Set(['javascript:', 'data:', 'blob:', 'file:', 'filesystem:']);

/** The CSP source for a redirect URI: its origin for web URLs, its scheme for native apps' custom schemes (RFC 8252). */
function sourceExpression(uri: string): string[] {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return [];
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    // A CSP host is letters, digits, dots and dashes: anything else (`;` or `,` among them) could rewrite the policy.
    return /^[a-z0-9.-]+$/.test(url.hostname) ? [url.origin] : [];
  }
  return UNSAFE_SCHEMES.has(url.protocol) ? [] : [url.protocol];
}
