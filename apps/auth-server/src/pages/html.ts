const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Escapes text for HTML content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (character) => ESCAPES[character] ?? character);
}

/** Markup that may be inserted without escaping: built by `markup`, or vouched for with `trustedHtml`. */
export class SafeHtml {
  constructor(private readonly value: string) {}

  /** The markup itself. */
  toString(): string {
    return this.value;
  }
}

/** A value the `markup` tag accepts: plain strings are escaped, SafeHtml goes in as is. */
export type HtmlValue = string | SafeHtml | readonly SafeHtml[];

/**
 * Tagged template that escapes every interpolated string, so forgetting to escape is not possible.
 * (Not named `html`: Prettier would reformat such templates, changing the hashed inline style.)
 */
export function markup(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  return new SafeHtml(values.reduce<string>((out, value, index) => out + toMarkup(value) + strings[index + 1], strings[0]));
}

/** Marks oidc-provider's generated form (CSRF field included) as markup to insert unescaped. */
export function trustedHtml(value: string): SafeHtml {
  return new SafeHtml(value);
}

function toMarkup(value: HtmlValue): string {
  if (typeof value === 'string') return escapeHtml(value);
  if (value instanceof SafeHtml) return value.toString();
  return value.map((item) => item.toString()).join('');
}
