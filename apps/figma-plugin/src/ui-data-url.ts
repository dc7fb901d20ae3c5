/**
 * ui.html as Figma loads it: a `data:` URL in the plugin's iframe (an opaque-origin page, see
 * the platform notes). Chromium, which Figma's desktop app and most of its users' browsers run
 * on, refuses to navigate a frame to a URL longer than {@link MAX_URL_CHARS} (the frame ends at
 * about:blank#blocked, the panel stays blank), and that counts the URL as encoded. How Figma
 * encodes the page is not public, so ui.html is measured in each usual way
 * ({@link DATA_URL_ENCODINGS}): build.ts refuses a ui.html whose URL would be too long in any of
 * them, and the CSP browser test loads the longest as the UI's iframe. No imports: the build, the
 * tests and a browser can all run it.
 */

/** Chromium's longest URL (`url::kMaxURLChars`, 2 MiB of characters); one character more is refused. */
export const MAX_URL_CHARS = 2 * 1024 * 1024;

/** What the build test keeps free under {@link MAX_URL_CHARS}, in every encoding, for the UI to grow. */
export const URL_MARGIN_CHARS = 100_000;

/**
 * The ways a page is put into a `data:` URL: `base64` of its UTF-8 bytes (4 characters per 3
 * bytes), or `percent`-encoded as `encodeURIComponent` does it (3 characters for each byte of
 * everything but letters, digits and `-_.!~*'()`).
 */
export const DATA_URL_ENCODINGS = ['base64', 'percent'] as const;

/** One of {@link DATA_URL_ENCODINGS}. */
export type DataUrlEncoding = (typeof DATA_URL_ENCODINGS)[number];

/** Base64 of `text`'s UTF-8 bytes. */
function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** `html` as a `data:` URL in `encoding`. */
export function uiDataUrl(html: string, encoding: DataUrlEncoding): string {
  return encoding === 'base64'
    ? `data:text/html;charset=utf-8;base64,${base64(html)}`
    : `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}

/** How long `html`'s `data:` URL is in each encoding, in characters. */
export function uiDataUrlLengths(html: string): Record<DataUrlEncoding, number> {
  return { base64: uiDataUrl(html, 'base64').length, percent: uiDataUrl(html, 'percent').length };
}

/** The encoding in which `html`'s `data:` URL is longest (the one a test should load). */
export function longestEncoding(html: string): DataUrlEncoding {
  const lengths = uiDataUrlLengths(html);
  return lengths.base64 >= lengths.percent ? 'base64' : 'percent';
}

/** A ui.html too long to be a `data:` URL in Chromium: the build fails with it. */
export class UiTooLongError extends Error {
  override name = 'UiTooLongError';
}

/**
 * Throws a {@link UiTooLongError} that says by how much if `html`'s `data:` URL would be longer
 * than {@link MAX_URL_CHARS} in any encoding; else returns the lengths.
 */
export function checkUiDataUrl(html: string): Record<DataUrlEncoding, number> {
  const lengths = uiDataUrlLengths(html);
  const over = DATA_URL_ENCODINGS.filter((encoding) => lengths[encoding] > MAX_URL_CHARS);
  if (over.length > 0) {
    const what = over.map((encoding) => `${lengths[encoding].toLocaleString('en')} characters ${encoding}-encoded`).join(', ');
    throw new UiTooLongError(
      `ui.html (${html.length.toLocaleString('en')} characters) is too long for Figma's data: URL: ${what}, ` +
        `over Chromium's limit of ${MAX_URL_CHARS.toLocaleString('en')}, which would leave the panel blank. Make the UI smaller.`,
    );
  }
  return lengths;
}
