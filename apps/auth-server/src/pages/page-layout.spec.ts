import { createHash } from 'node:crypto';
import { markup } from './html';
import { pageContentSecurityPolicy, renderPage } from './page-layout';

const page = renderPage({ title: `<script>alert("t")</script>`, body: markup`<h1>Heading</h1>` });

function styleText(html: string): string {
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)];
  expect(styles).toHaveLength(1);
  return styles[0]?.[1] ?? '';
}

function directives(policy: string): Map<string, string> {
  return new Map(policy.split('; ').map((directive): [string, string] => [directive.split(' ')[0] ?? '', directive]));
}

describe('renderPage', () => {
  it('renders an HTML5 document in English with a UTF-8 charset and a viewport', () => {
    expect(page.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(page).toContain('<meta charset="utf-8">');
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
  });

  it('escapes the title', () => {
    expect(page).toContain('<title>&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;</title>');
    expect(page).not.toContain('<script');
  });

  it('puts the body in the main landmark', () => {
    expect(page).toContain('<main>\n<h1>Heading</h1>\n</main>');
  });

  it('loads nothing: no scripts, links, images, imports or URLs', () => {
    expect(page).not.toMatch(/<script|<link|<img|@import|url\(|https?:\/\//i);
  });

  it('styles focus outlines and adapts to narrow screens', () => {
    const css = styleText(page);
    expect(css).toContain(':focus-visible{outline:3px solid');
    expect(css).toContain('max-width:28rem');
    expect(css).toContain('width:100%');
  });
});

describe('pageContentSecurityPolicy() without redirect targets', () => {
  it('allows the inline style by the sha256 hash of its exact text', () => {
    const hash = createHash('sha256').update(styleText(page), 'utf8').digest('base64');
    expect(directives(pageContentSecurityPolicy()).get('style-src')).toBe(`style-src 'sha256-${hash}'`);
  });

  it('allows nothing else, sends forms only to this origin and refuses framing and <base>', () => {
    expect(pageContentSecurityPolicy()).toBe(
      `default-src 'none'; ${directives(pageContentSecurityPolicy()).get('style-src')}; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
    );
  });
});

describe('pageContentSecurityPolicy', () => {
  it('adds the origins of web redirect URIs to form-action, once each', () => {
    const policy = pageContentSecurityPolicy([
      'http://localhost:5173/callback?x=1',
      'http://localhost:5173/other',
      'https://App.Example/cb',
    ]);
    expect(directives(policy).get('form-action')).toBe("form-action 'self' http://localhost:5173 https://app.example");
  });

  it('adds the scheme of a native app redirect URI (RFC 8252)', () => {
    expect(directives(pageContentSecurityPolicy(['com.example.app:/callback'])).get('form-action')).toBe(
      "form-action 'self' com.example.app:",
    );
  });

  it.each(['javascript:alert(1)', 'data:text/html,x', 'not a url', 'https://a.example;script-src', 'https://a,b/', 'http://[::1]:3000/'])(
    'ignores %s, which is unsafe or cannot be written as a CSP source',
    (uri) => {
      expect(pageContentSecurityPolicy([uri])).toBe(pageContentSecurityPolicy());
    },
  );

  it('keeps the other directives unchanged', () => {
    const policy = directives(pageContentSecurityPolicy(['https://app.example/cb']));
    const base = directives(pageContentSecurityPolicy());
    for (const name of ['default-src', 'style-src', 'frame-ancestors', 'base-uri']) expect(policy.get(name)).toBe(base.get(name));
  });
});
