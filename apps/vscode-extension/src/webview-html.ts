/** What the webview page needs from the host. */
export interface WebviewPage {
  readonly mode: 'preview' | 'compare';
  readonly title: string;
  /** `webview.cspSource`: where the page may load its script, styles and wasm from. */
  readonly cspSource: string;
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  /** Folder URI (ending in `/`) of tfjs's `.wasm` files. */
  readonly wasmPath: string;
  /** Allow WebAssembly compilation and the tile workers (`blob:` workers): only when the backend may be wasm. */
  readonly allowWasm: boolean;
}

/** Escapes text for HTML content and double-quoted attributes. */
const escape = (text: string): string =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

/** The webview's HTML: a strict CSP (nonce'd script, nothing inline, no network but `cspSource`, workers only from `blob:` and only with wasm). */
export function webviewHtml(page: WebviewPage): string {
  const csp = [
    "default-src 'none'",
    `img-src ${page.cspSource} blob: data:`,
    `style-src ${page.cspSource}`,
    `script-src 'nonce-${page.nonce}'${page.allowWasm ? " 'wasm-unsafe-eval'" : ''}`,
    `connect-src ${page.cspSource}`,
    // The page's tile workers: its own script again, from a blob: URL (they run wasm only).
    ...(page.allowWasm ? ['worker-src blob:'] : []),
  ].join('; ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escape(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(page.title)}</title>
<link rel="stylesheet" href="${escape(page.styleUri)}">
</head>
<body data-mode="${page.mode}" data-wasm-path="${escape(page.wasmPath)}">
<script nonce="${escape(page.nonce)}" src="${escape(page.scriptUri)}"></script>
</body>
</html>`;
}
