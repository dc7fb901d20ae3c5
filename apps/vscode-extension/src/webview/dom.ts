/** Creates an element: `props` are attributes (strings, numbers, booleans), `children` its content. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Readonly<Record<string, string | number | boolean>> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === true) element.setAttribute(key, '');
    else if (value !== false) element.setAttribute(key, String(value));
  }
  element.append(...children);
  return element;
}

/** A blob URL for image bytes, for an `<img>` (the CSP allows `blob:` images). */
export const imageUrl = (bytes: Uint8Array): string => URL.createObjectURL(new Blob([new Uint8Array(bytes)]));
