import { escapeHtml, markup, SafeHtml, trustedHtml } from './html';

describe('escapeHtml', () => {
  it.each([
    ['&', '&amp;'],
    ['<', '&lt;'],
    ['>', '&gt;'],
    ['"', '&quot;'],
    ["'", '&#39;'],
    ['`', '&#96;'],
  ])('escapes %s as %s', (character, entity) => {
    expect(escapeHtml(character)).toBe(entity);
  });

  it('escapes a script tag with quotes so that it is inert text', () => {
    expect(escapeHtml(`<script>alert("x")</script>`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('escapes an ampersand only once, before the entities it produces', () => {
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
  });

  it('leaves other text unchanged, non-ASCII included', () => {
    expect(escapeHtml('Zoë / 東京 = 1;')).toBe('Zoë / 東京 = 1;');
  });
});

describe('markup', () => {
  it('escapes every interpolated string', () => {
    const value = `"><script>alert('x')</script>`;
    expect(markup`<p title="${value}">${value}</p>`.toString()).toBe(
      '<p title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;">&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</p>',
    );
  });

  it('inserts nested markup and lists of markup without escaping them again', () => {
    const items = ['a&b', '<c>'].map((item) => markup`<li>${item}</li>`);
    expect(markup`<ul>${items}</ul>${markup`<p>${'&'}</p>`}`.toString()).toBe('<ul><li>a&amp;b</li><li>&lt;c&gt;</li></ul><p>&amp;</p>');
  });

  it('inserts trusted markup as is', () => {
    const form = '<form id="op.logoutForm" method="post" action="/session/end/confirm"></form>';
    expect(markup`<div>${trustedHtml(form)}</div>`.toString()).toBe(`<div>${form}</div>`);
  });

  it('returns SafeHtml, so that its result can be nested', () => {
    expect(markup`<br>`).toBeInstanceOf(SafeHtml);
  });
});
