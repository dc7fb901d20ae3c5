/**
 * Builds the plugin as Figma loads it: `dist/manifest.json`, `dist/code.js` (the main thread, for
 * Figma's sandbox) and one self-contained `dist/ui.html` (script, styles, presets and tfjs's wasm
 * binaries inlined: a plugin ships no other files and we allow it no network). Figma loads ui.html
 * as a `data:` URL, which Chromium refuses over 2 MiB: the build fails if ui.html's URL would be
 * longer, base64- or percent-encoded (src/ui-data-url.ts). ui.html is 1.17 MB (1.56 million
 * characters as base64, 1.24 percent-encoded; it was 2.12 MB, 2.83 and 2.91 million): the UI's
 * script is packed, gzipped, and unpacked by a small loader (src/ui/packed-script.ts,
 * ui-loader.ts); inside it the wasm binaries are gzipped too (inline-wasm.ts inflates them), tfjs
 * comes without its layers, converter and data packages (tfjs-without-layers.ts) and without its
 * threaded wasm glue.
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'esbuild';
import { bundle } from '@nst/config/bundle';
import { MANIFEST } from './src/manifest.js';
import { PACKED_SCRIPT_ID, PACKED_SCRIPT_TYPE } from './src/ui/packed-script.js';
import { checkUiDataUrl, MAX_URL_CHARS, UiTooLongError } from './src/ui-data-url.js';

/** `.wasm` imports as their gzipped bytes (base64 in the bundle: 981 kB plain, 338 kB gzipped). */
const gzippedWasm: Plugin = {
  name: 'gzipped-wasm',
  setup(build) {
    build.onLoad({ filter: /\.wasm$/ }, async (args) => ({
      contents: gzipSync(await readFile(args.path), { level: 9 }),
      loader: 'binary',
    }));
  },
};

/**
 * tfjs's threaded wasm glue (its Emscripten factory and its worker's source, 36 kB) as stubs: the
 * UI is never cross-origin isolated, so tfjs's threads are off in the page and in every tile
 * worker (`WASM_HAS_MULTITHREAD_SUPPORT` false, @nst/browser's browser-runner.ts and core's
 * serve-tiles-in-worker.ts) and tfjs never calls them. Should it ever, the stub says why it fails.
 */
const noThreadedWasm: Plugin = {
  name: 'no-threaded-wasm',
  setup(build) {
    build.onResolve({ filter: /tfjs-backend-wasm-threaded-simd(\.worker)?\.js$/ }, (args) => ({
      path: args.path,
      namespace: 'no-threaded-wasm',
    }));
    build.onLoad({ filter: /./, namespace: 'no-threaded-wasm' }, (args) => ({
      contents: args.path.endsWith('.worker.js')
        ? 'export const wasmWorkerContents = "";'
        : 'export default function threadedSimd() { throw new Error("tfjs\'s threaded wasm is not in this build: the plugin\'s UI is not cross-origin isolated, so threads are off"); }',
      loader: 'js',
    }));
  },
};

/** The UI's script (src/ui/ui.ts with tfjs, the presets and the wasm binaries), minified. */
async function uiScript(): Promise<string> {
  const ui = await bundle({
    entryPoints: ['src/ui/ui.ts'],
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    production: true,
    write: false,
    loader: { '.jpg': 'binary' },
    plugins: [gzippedWasm, noThreadedWasm],
    alias: { '@tensorflow/tfjs': './src/ui/tfjs-without-layers.ts' },
  });
  return ui.outputFiles?.[0]?.text ?? '';
}

/** The small script that unpacks and runs the UI's (src/ui/ui-loader.ts), minified. */
async function loaderScript(): Promise<string> {
  const loader = await bundle({
    entryPoints: ['src/ui/ui-loader.ts'],
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    production: true,
    write: false,
  });
  return loader.outputFiles?.[0]?.text ?? '';
}

/** ui.html: the template with the styles, the UI's script packed (gzipped, base64: see packed-script.ts) and its loader. */
async function uiHtml(): Promise<string> {
  const [template, css, script, loader] = await Promise.all([
    readFile('src/ui/ui.html', 'utf8'),
    readFile('src/ui/ui.css', 'utf8'),
    uiScript(),
    loaderScript(),
  ]);
  const packed = gzipSync(script, { level: 9 }).toString('base64');
  const block = `<script type="${PACKED_SCRIPT_TYPE}" id="${PACKED_SCRIPT_ID}">`;
  if (!template.includes(block)) throw new Error(`src/ui/ui.html has no ${block}`);
  return (
    template
      .replace('/* ui.css */', () => css)
      .replace('/* ui.js, gzipped, base64 */', () => packed)
      // `</script` inside the loader would end its inline script early.
      .replace('/* ui-loader.js */', () => loader.replaceAll('</script', '<\\/script'))
  );
}

async function main(): Promise<void> {
  await mkdir('dist', { recursive: true });
  await bundle({ entryPoints: ['src/main/code.ts'], platform: 'browser', format: 'iife', target: 'es2017', outfile: 'dist/code.js' });
  const html = await uiHtml();
  const lengths = checkUiDataUrl(html); // checked before it is written
  await writeFile('dist/ui.html', html);
  await writeFile('dist/manifest.json', `${JSON.stringify(MANIFEST, null, 2)}\n`);
  // The code's licence and the inlined presets' sources travel with the plugin.
  await Promise.all([copyFile('LICENSE', 'dist/LICENSE'), copyFile('presets/SOURCES.md', 'dist/SOURCES.md')]);
  const url = `${lengths.base64.toLocaleString('en')} characters as a base64 data: URL, ${lengths.percent.toLocaleString('en')} percent-encoded, of ${MAX_URL_CHARS.toLocaleString('en')}`;
  console.log(`dist/ui.html ${html.length.toLocaleString('en')} bytes (${url}), dist/code.js, dist/manifest.json`);
}

await main().catch((error: unknown) => {
  if (!(error instanceof UiTooLongError)) throw error;
  console.error(`build failed: ${error.message}`);
  process.exitCode = 1;
});
