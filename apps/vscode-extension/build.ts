/**
 * Builds the extension: `dist/extension.cjs` (the extension host, CommonJS, `vscode` external),
 * `dist/web/extension.js` (the same for the web worker extension host of VS Code for the Web)
 * and `dist/webview/` (the page's script and styles, and tfjs's wasm files it loads through
 * `asWebviewUri`). `npm run package` then makes the `.vsix` with vsce.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { bundle, type BundleOptions } from '@nst/config/bundle';

const WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'];

async function main(): Promise<void> {
  await mkdir('dist/webview', { recursive: true });
  const host: BundleOptions = { entryPoints: ['src/extension.ts'], format: 'cjs', external: ['vscode'] };
  await bundle({ ...host, platform: 'node', target: 'node18', outfile: 'dist/extension.cjs' });
  // The same host for VS Code for the Web's extension host (a web worker): `browser` in package.json.
  await bundle({ ...host, platform: 'browser', target: 'es2020', outfile: 'dist/web/extension.js' });
  await bundle({
    entryPoints: { index: 'src/webview/main.ts' },
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    production: true,
    outdir: 'dist/webview',
  });
  await copyFile('src/webview/index.css', 'dist/webview/index.css');
  const wasmDir = join(dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
  await Promise.all(WASM_FILES.map((file) => copyFile(join(wasmDir, file), join('dist/webview', file))));
  console.log('dist/extension.cjs, dist/web/extension.js, dist/webview/{index.js,index.css,*.wasm}');
}

await main();
