/**
 * @nst/core and `nst` as someone outside this repository gets them: `npm pack` makes the
 * tarballs, npm alone installs them into an empty folder under the system's temp directory (tfjs
 * and the rest from the registry or npm's cache), and then (a) the globally installed `nst`
 * styles a photo, (b) a Node ES module imports @nst/core, (c) a page bundled by esbuild from the
 * installed packages runs in Chromium on WebGPU and on wasm, and the example app
 * (`examples/drop-style`), built against the packed core, styles what a user drops on it.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { launchChromium, serve } from './browser.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SAMPLES = join(ROOT, 'apps/cli/samples');
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const require = createRequire(import.meta.url);
const TSC = join(dirname(require.resolve('typescript/package.json')), 'bin/tsc');

/** The environment without what `npm test` leaks into it (npm_*, NODE_PATH): a user's shell. */
const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) || /^npm_config_(cache|registry|userconfig)$/i.test(key)),
);
delete cleanEnv['NODE_PATH'];
delete cleanEnv['INIT_CWD'];

/** How long one command may take: a first `npm install` on a machine with an empty cache downloads tfjs, sharp and Dawn. */
const RUN_TIMEOUT_MS = 300_000;

async function run(
  file: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ stdout: string; stderr: string }> {
  try {
    return await promisify(execFile)(file, [...args], {
      cwd,
      env: { ...cleanEnv, ...env },
      maxBuffer: 64 * 1024 * 1024,
      timeout: RUN_TIMEOUT_MS,
    });
  } catch (error) {
    const e = error as Error & { stdout?: string; stderr?: string; killed?: boolean };
    // A command that ran out of time says so, with what it wrote until then (npm's http log: what it was fetching).
    const how = e.killed === true ? `timed out after ${RUN_TIMEOUT_MS / 1000} s` : e.message;
    throw new Error(`${file} ${args.join(' ')} failed in ${cwd}: ${how}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}
/** npm, quiet but for its fetches (`--loglevel http`), so that a slow or stuck install shows where it was. */
const npm = (args: readonly string[], cwd: string) =>
  run('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline', '--no-update-notifier', '--loglevel', 'http'], cwd);

/** What the Node program and the page report. */
interface CheckResult {
  backend: string;
  gram: number[];
  cost: number;
  size: number[];
  changed: number;
}

interface Packed {
  name: string;
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string }[];
}

describe('@nst/core and nst, packed and installed with npm alone', { timeout: 900_000 }, () => {
  let work: string;
  let core: Packed;
  let cli: Packed;
  let app: string; // a copy of examples/drop-style, with the packed core installed
  let bin: string;
  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'nst-pack-'));
    assert.ok(relative(ROOT, work).startsWith('..'), `${work} is outside the repository`);
    const packs = join(work, 'packs');
    mkdirSync(packs);
    const { stdout } = await npm(['pack', '--json', '--pack-destination', packs, '-w', '@nst/core', '-w', '@nst/cli'], ROOT);
    const packed = JSON.parse(stdout) as Packed[];
    core = packed.find((p) => p.name === '@nst/core')!;
    cli = packed.find((p) => p.name === '@nst/cli')!;
    // The CLI as its README says: `npm install -g` of the two tarballs (into a prefix of our own),
    // telling onnxruntime-node's install script not to fetch its CUDA files from outside the registry.
    // npm reads its global config from `<prefix>/etc/npmrc`, so a prefix of our own would drop the
    // machine's (here its `cafile`, without which the registry's TLS proxy is refused once turbo has
    // stripped NODE_EXTRA_CA_CERTS): keep the file the user's npm reads.
    const prefix = join(work, 'global');
    const skipCuda = '--onnxruntime-node-install=skip';
    const globalConfig = (await run('npm', ['config', 'get', 'globalconfig'], ROOT)).stdout.trim();
    const install = ['install', '-g', skipCuda, '--prefix', prefix, '--globalconfig', globalConfig];
    await npm([...install, join(packs, core.filename), join(packs, cli.filename)], work);
    bin = join(prefix, 'bin');
    // The library: the example app copied out of the repository, with the packed core.
    app = join(work, 'app');
    cpSync(join(ROOT, 'examples/drop-style'), app, { recursive: true, filter: (source) => !/[/\\](node_modules|dist)$/.test(source) });
    await npm(['install', join(packs, core.filename)], app);
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  test('the tarballs hold the built code, types, README and LICENSE, and no sources, tests, benches or maps', (t) => {
    t.diagnostic(
      `${core.filename} ${(core.size / 1e3).toFixed(1)} kB (${(core.unpackedSize / 1e3).toFixed(1)} kB unpacked); ${cli.filename} ${(cli.size / 1e6).toFixed(2)} MB`,
    );
    assert.equal(core.filename, `nst-core-${version}.tgz`);
    assert.equal(cli.filename, `nst-cli-${version}.tgz`);
    for (const { files, must } of [
      {
        files: core.files.map((f) => f.path),
        must: ['LICENSE', 'README.md', 'package.json', 'dist/index.js', 'dist/index.d.ts', 'dist/optimize/stylize.js'],
      },
      {
        files: cli.files.map((f) => f.path),
        must: ['LICENSE', 'README.md', 'package.json', 'bin/nst.js', 'dist/nst.js', 'samples/coffee.png', 'samples/SOURCES.md'],
      },
    ]) {
      for (const path of must) assert.ok(files.includes(path), `${path} in ${files.join(', ')}`);
      assert.deepEqual(
        files.filter((path) => /(^|\/)(src|bench|testing)\/|\.test\.|\.bench\.|\.map$|\.tsbuildinfo$/.test(path)),
        [],
      );
    }
  });

  test('the installed manifests: ESM with types, webgpu optional, tfjs dependencies, core a real dependency of the CLI', () => {
    const manifest = (dir: string) =>
      JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown> & { dependencies: Record<string, string> };
    const installedCore = manifest(join(app, 'node_modules/@nst/core'));
    assert.equal(installedCore['type'], 'module');
    assert.deepEqual(installedCore['exports'], {
      '.': { types: './dist/index.d.ts', default: './dist/index.js' },
      './errors': { types: './dist/errors.d.ts', default: './dist/errors.js' },
      './native-malloc-env': { types: './dist/native/native-malloc-env.d.ts', default: './dist/native/native-malloc-env.js' },
    });
    assert.equal(installedCore['sideEffects'], false);
    assert.deepEqual(installedCore['engines'], { node: '>=20' });
    assert.equal(installedCore['license'], 'MIT');
    assert.ok(installedCore['repository'], 'repository');
    assert.deepEqual(Object.keys(installedCore['optionalDependencies'] as object), ['webgpu']);
    assert.ok(
      installedCore.dependencies['@tensorflow/tfjs'] &&
        installedCore.dependencies['@tensorflow/tfjs-backend-wasm'] &&
        installedCore.dependencies['@tensorflow/tfjs-backend-webgpu'],
    );
    assert.equal(statSync(join(app, 'node_modules/@nst/core')).isSymbolicLink(), false);
    const installedCli = manifest(join(bin, '../lib/node_modules/@nst/cli'));
    assert.equal(installedCli.dependencies['@nst/core'], version);
    assert.deepEqual(installedCli['bin'], { nst: './bin/nst.js' });
  });

  test('(a) nst, installed with npm install -g: --version, --help, and stylize on a sample', async () => {
    const nst = join(bin, 'nst');
    assert.equal((await run(nst, ['--version'], work)).stdout, `${version}\n`);
    assert.match((await run(nst, ['stylize', '--help'], work)).stdout, /^Usage: nst stylize[\s\S]*Exit codes:/);
    const out = join(work, 'coffee-night-cafe.png');
    const { stdout, stderr } = await run(
      nst,
      [
        'stylize',
        join(SAMPLES, 'coffee.png'),
        '--style',
        join(SAMPLES, 'van-gogh-night-cafe.png'),
        '-o',
        out,
        '--size',
        '40',
        '--iterations',
        '6',
      ],
      work,
      { NO_COLOR: '1' },
    );
    assert.match(stdout, /wrote .*coffee-night-cafe\.png \(40×27\)/);
    assert.match(stderr, /^backend: native \(onnxruntime-node [\d.]+\)/m, 'the CLI brings the native engine');
    assert.match(stderr, /^\[#{24}\] 6\/6 /m, 'a plain progress log');
    assert.doesNotMatch(stderr, /\r/);
    const result = await sharp(out).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    assert.deepEqual([result.info.width, result.info.height], [40, 27]);
    const photo = await sharp(join(SAMPLES, 'coffee.png')).resize(40, 27).removeAlpha().raw().toBuffer();
    const difference = result.data.reduce((sum, v, i) => sum + Math.abs(v - photo[i]!), 0) / result.data.length;
    assert.ok(difference > 5, `the result differs from the photo: ${difference}`);
  });

  test('(b) a Node ES module imports the installed @nst/core: exact Gram and style cost, and stylize()', async () => {
    writeFileSync(
      join(app, 'check.mjs'),
      `
      import { initBackend, tf, gramMatrix, styleCost, stylize } from '@nst/core';
      const report = await initBackend();
      const a = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8], [1, 2, 2, 2]);
      const gram = Array.from(await gramMatrix(a).data());
      const cost = (await styleCost({ l: a }, { l: tf.zerosLike(a) }, { l: 1 }).data())[0];
      const pixels = (w, h, f) => ({ width: w, height: h, data: Uint8ClampedArray.from({ length: w * h * 4 }, (_, i) => (i % 4 === 3 ? 255 : f(i >> 2, i % 4))) });
      const content = pixels(24, 16, (p, c) => ((p % 24) * 10 + c * 40) % 256);
      const style = pixels(16, 16, (p) => (Math.floor(p / 16) % 4 < 2 ? 230 : 20));
      const result = await stylize({ content, styles: [{ image: style }], maxSize: 24, iterations: 4 });
      const changed = result.data.reduce((s, v, i) => s + Math.abs(v - content.data[i]), 0) / result.data.length;
      const native = report.skipped.find((s) => s.backend === 'native')?.reason;
      console.log(JSON.stringify({ resolved: import.meta.resolve('@nst/core'), backend: report.backend, native, gram, cost, size: [result.width, result.height], changed }));
      `,
    );
    const out = JSON.parse((await run(process.execPath, ['check.mjs'], app)).stdout.trim().split('\n').at(-1)!) as CheckResult & {
      resolved: string;
      native?: string;
    };
    assert.equal(out.resolved, `file://${join(app, 'node_modules/@nst/core/dist/index.js')}`);
    assert.ok(['wasm', 'webgpu'].includes(out.backend), out.backend);
    // onnxruntime-node is an optional peer of @nst/core: a library user who did not ask for it gets no 288 MB, and a reason.
    assert.match(out.native ?? '', /optional 'onnxruntime-node' package is not installed/);
    assert.deepEqual(out.gram, [84, 100, 100, 120]); // G = Fᵀ·F over the pixels (1,2), (3,4), (5,6), (7,8)
    assert.ok(Math.abs(out.cost - 41456 / 256) < 1e-3, String(out.cost)); // 1/(2·nH·nW·nC)² · Σ G²
    assert.deepEqual(out.size, [24, 16]);
    assert.ok(out.changed > 1, `stylize changed the picture: ${out.changed}`);
  });

  test("the installed declarations type-check a strict TypeScript user, and the example's main.ts", async () => {
    writeFileSync(
      join(app, 'typed-user.ts'),
      `
      import { gramMatrix, initBackend, styleCost, stylize, tf, type BackendReport, type RgbaImage, type StylizeProgress } from '@nst/core';
      const a: tf.Tensor4D = tf.tensor4d([1, 2, 3, 4], [1, 1, 2, 2]);
      export const gram: tf.Tensor2D = gramMatrix(a);
      export const cost: tf.Scalar = styleCost({ l: a }, { l: a }, { l: 1 });
      export const report: Promise<BackendReport> = initBackend({ backend: 'wasm' });
      const image: RgbaImage = { width: 1, height: 1, data: new Uint8Array(4) };
      export const result: Promise<RgbaImage> = stylize({ content: image, styles: [{ image }], onProgress: (p: StylizeProgress) => void p.loss });
      // @ts-expect-error maxSize is a number: the declarations are really there, not any
      void stylize({ content: image, styles: [{ image }], maxSize: 'large' });
      `,
    );
    await run(process.execPath, [TSC, '-p', '.'], app); // tsconfig.json: strict, noUncheckedIndexedAccess, *.ts
  });

  test('(c) a page bundled with esbuild from the installed packages runs in Chromium on WebGPU and on wasm', async () => {
    writeFileSync(
      join(app, 'check-page.js'),
      `
      import { initBackend, tf, gramMatrix, styleCost, stylize } from '@nst/core';
      import wasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm';
      import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm';
      import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm';
      const at = (url) => new URL(url, import.meta.url).href;
      window.check = async (backend) => {
        const report = await initBackend({ backend, wasmPaths: { 'tfjs-backend-wasm.wasm': at(wasm), 'tfjs-backend-wasm-simd.wasm': at(wasmSimd), 'tfjs-backend-wasm-threaded-simd.wasm': at(wasmThreadedSimd) } });
        const a = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8], [1, 2, 2, 2]);
        const gram = Array.from(await gramMatrix(a).data());
        const cost = (await styleCost({ l: a }, { l: tf.zerosLike(a) }, { l: 1 }).data())[0];
        const pixels = (w, h, f) => new ImageData(Uint8ClampedArray.from({ length: w * h * 4 }, (_, i) => (i % 4 === 3 ? 255 : f(i >> 2, i % 4))), w, h);
        const content = pixels(24, 16, (p, c) => ((p % 24) * 10 + c * 40) % 256);
        const style = pixels(16, 16, (p) => (Math.floor(p / 16) % 4 < 2 ? 230 : 20));
        const result = await stylize({ content, styles: [{ image: style }], maxSize: 24, iterations: 4 });
        const changed = result.data.reduce((s, v, i) => s + Math.abs(v - content.data[i]), 0) / result.data.length;
        return { backend: report.backend, gram, cost, size: [result.width, result.height], changed };
      };
      `,
    );
    const esbuild = join(app, 'node_modules/.bin/esbuild');
    await run(
      esbuild,
      ['check-page.js', '--bundle', '--format=esm', '--loader:.wasm=file', '--outdir=check-dist', '--log-level=warning'],
      app,
    );
    const files = servedFiles(app, 'check-dist');
    files['/'] = '<!doctype html><script type="module" src="/check-dist/check-page.js"></script>';
    const { url, server } = await serve(files);
    const chromium = await launchChromium();
    try {
      for (const backend of ['webgpu', 'wasm'] as const) {
        const page = await chromium.context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        await page.goto(`${url}/`);
        await page.waitForFunction(() => 'check' in window);
        const out = await page.evaluate(
          async (name) => (window as Window & { check?: (b: string) => Promise<CheckResult> }).check!(name),
          backend,
        );
        assert.equal(out.backend, backend);
        assert.deepEqual(out.gram, [84, 100, 100, 120], backend);
        assert.ok(Math.abs(out.cost - 41456 / 256) < 1e-2, `${backend}: ${out.cost}`);
        assert.deepEqual(out.size, [24, 16]);
        assert.ok(out.changed > 1, `${backend}: stylize changed the picture: ${out.changed}`);
        assert.deepEqual(errors, []);
        await page.close();
      }
    } finally {
      await chromium.close();
      server.close();
    }
  });

  test('the example app, built from the packed core: drop a photo and a painting, watch the result', async () => {
    await run('npm', ['run', 'build', '--silent'], app);
    const wasmFiles = readdirSync(join(app, 'dist')).filter((name) => name.endsWith('.wasm'));
    assert.equal(wasmFiles.length, 3, `esbuild copied the three wasm binaries: ${wasmFiles.join(', ')}`);
    const files = servedFiles(app, 'dist');
    files['/'] = readFileSync(join(app, 'index.html'), 'utf8');
    const { url, server } = await serve(files);
    const chromium = await launchChromium();
    try {
      const page = await chromium.context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${url}/?size=48&iterations=10`);
      await page.waitForFunction(() => document.body.dataset['state'] === 'idle', undefined, { timeout: 60_000 });
      const backend = await page.evaluate(() => document.body.dataset['backend']);
      assert.ok(['webgpu', 'webgl', 'wasm'].includes(backend ?? ''), `auto chose ${backend}`);
      await page.setInputFiles('#content', join(SAMPLES, 'coffee.png'));
      await page.setInputFiles('#style', join(SAMPLES, 'van-gogh-night-cafe.png'));
      await page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset['state'] ?? ''), undefined, { timeout: 120_000 });
      assert.match((await page.textContent('#status')) ?? '', /^Done: 48×32\./);
      const { width, height, spread } = await page.evaluate(() => {
        const canvas = document.querySelector('canvas')!;
        const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        const red = Array.from({ length: data.length / 4 }, (_, i) => data[i * 4]!);
        return { width: canvas.width, height: canvas.height, spread: Math.max(...red) - Math.min(...red) };
      });
      assert.deepEqual([width, height], [48, 32]);
      assert.ok(spread > 50, `the result is a picture, not a blank: red spread ${spread}`);
      assert.deepEqual(errors, []);
    } finally {
      await chromium.close();
      server.close();
    }
  });
});

/** The files under `dir` (relative to `root`), keyed by their URL path, for {@link serve}. */
function servedFiles(root: string, dir: string): Record<string, string | Uint8Array> {
  return Object.fromEntries(
    readdirSync(join(root, dir)).map((name) => [`/${dir}/${name}`, new Uint8Array(readFileSync(join(root, dir, name)))]),
  );
}
