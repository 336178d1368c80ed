type Child = Node | string | null | undefined | false;

/**
 * Builds an element. Text is always set as text (never parsed as HTML): the page's Trusted Types
 * policy refuses every HTML sink anyway.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | boolean> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) element.setAttribute(name, '');
    else if (value !== false) element.setAttribute(name, value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined && child !== false) element.append(child);
  }
  return element;
}

/** Replaces the children of the element with this id. */
export function show(id: string, ...children: Child[]): HTMLElement {
  const target = document.getElementById(id);
  if (!target) throw new Error(`no #${id} in index.html`);
  target.replaceChildren(...children.filter((child): child is Node | string => child !== null && child !== undefined && child !== false));
  return target;
}
