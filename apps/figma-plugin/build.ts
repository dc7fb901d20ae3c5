/**
 * Builds the plugin as Figma loads it: `dist/manifest.json`, `dist/code.js` (the main thread, for
 * Figma's sandbox) and one self-contained `dist/ui.html` (script, styles, presets and tfjs's wasm
 * binaries inlined: a plugin ships no other files and we allow it no network). ui.html is kept
 * under 2 MB, Chromium's limit for a URL (Figma is said to load it as a `data:` URL): the wasm
 * binaries are inlined gzipped (inline-wasm.ts inflates them) and tfjs without its layers,
 * converter and data packages (tfjs-without-layers.ts).
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'esbuild';
import { bundle } from '@nst/config/bundle';
import { MANIFEST } from './src/manifest.js';

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

async function main(): Promise<void> {
  await mkdir('dist', { recursive: true });
  await bundle({ entryPoints: ['src/main/code.ts'], platform: 'browser', format: 'iife', target: 'es2017', outfile: 'dist/code.js' });
  const ui = await bundle({
    entryPoints: ['src/ui/ui.ts'],
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    production: true,
    write: false,
    loader: { '.jpg': 'binary' },
    plugins: [gzippedWasm],
    alias: { '@tensorflow/tfjs': './src/ui/tfjs-without-layers.ts' },
  });
  const script = ui.outputFiles?.[0]?.text ?? '';
  const [template, css] = await Promise.all([readFile('src/ui/ui.html', 'utf8'), readFile('src/ui/ui.css', 'utf8')]);
  // `</script` inside the bundle would end the inline script early.
  const html = template.replace('/* ui.css */', () => css).replace('/* ui.js */', () => script.replaceAll('</script', '<\\/script'));
  await writeFile('dist/ui.html', html);
  await writeFile('dist/manifest.json', `${JSON.stringify(MANIFEST, null, 2)}\n`);
  // The code's licence and the inlined presets' sources travel with the plugin.
  await Promise.all([copyFile('LICENSE', 'dist/LICENSE'), copyFile('presets/SOURCES.md', 'dist/SOURCES.md')]);
  console.log(`dist/ui.html ${(html.length / 1e6).toFixed(1)} MB, dist/code.js, dist/manifest.json`);
}

await main();
