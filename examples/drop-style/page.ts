/**
 * The smallest page on @nst/core: drop a photo and a painting, watch the photo take the
 * painting's style. `?size=`, `?iterations=` and `?backend=` (auto, webgpu, webgl, wasm, cpu)
 * change the defaults (384 px, 100 iterations, auto). On wasm, the tiles of large stages run on
 * a Web Worker per core (up to 4), each this same script (see main.ts).
 */
import {
  type BackendName,
  CancelledError,
  initBackend,
  probeTileWorker,
  type RgbaImage,
  stylize,
  useTileWorkers,
  webTileWorkers,
} from '@nst/core';
// The wasm backend's binaries, copied into dist/ by esbuild's file loader (--loader:.wasm=file).
import wasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm';

const params = new URLSearchParams(location.search);
const size = Number(params.get('size') ?? 384);
const iterations = Number(params.get('iterations') ?? 100);
const backend = (params.get('backend') ?? 'auto') as BackendName | 'auto';

const status = document.querySelector<HTMLParagraphElement>('#status')!;
const canvas = document.querySelector<HTMLCanvasElement>('#result')!;
const images: { content?: RgbaImage; style?: RgbaImage } = {};
let running: AbortController | undefined;
/** How many Web Workers evaluate the tiles (1: in the page). */
let workers = 1;

/** `state` is for scripts that drive the page (the repository's smoke test): idle, running, done or error. */
function say(text: string, state: 'idle' | 'running' | 'done' | 'error'): void {
  status.textContent = text;
  document.body.dataset['state'] = state;
}

/** A picture file as RGBA pixels, at most 1024 px on its longest side. */
async function decode(file: File): Promise<RgbaImage> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, 1024 / Math.max(bitmap.width, bitmap.height));
  const [width, height] = [Math.max(1, Math.round(bitmap.width * scale)), Math.max(1, Math.round(bitmap.height * scale))];
  const context = new OffscreenCanvas(width, height).getContext('2d')!;
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return context.getImageData(0, 0, width, height);
}

function draw(image: RgbaImage): void {
  [canvas.width, canvas.height] = [image.width, image.height];
  canvas.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(image.data), image.width, image.height), 0, 0);
}

async function run(): Promise<void> {
  const { content, style } = images;
  if (content === undefined || style === undefined) return;
  running?.abort();
  const controller = (running = new AbortController());
  say('Starting…', 'running');
  try {
    const result = await stylize({
      content,
      styles: [{ image: style }],
      maxSize: size,
      iterations,
      workers,
      previewEvery: 5,
      signal: controller.signal,
      onProgress: async (p) => {
        if (p.preview !== undefined) draw(p.preview);
        say(`Iteration ${p.iteration} of ${p.iterations}…`, 'running');
        await new Promise((resolve) => setTimeout(resolve)); // let the page paint
      },
    });
    draw(result);
    say(`Done: ${result.width}×${result.height}.`, 'done');
  } catch (error) {
    if (!(error instanceof CancelledError)) say(`Could not style it: ${error instanceof Error ? error.message : String(error)}`, 'error');
  }
}

async function take(which: 'content' | 'style', file: File | undefined): Promise<void> {
  if (file === undefined) return;
  const drop = document.querySelector<HTMLLabelElement>(`#${which}-drop`)!;
  const preview = drop.querySelector('img')!;
  try {
    images[which] = await decode(file);
  } catch {
    say(`${file.name} is not a picture this browser can read.`, 'error');
    return;
  }
  preview.src = URL.createObjectURL(file);
  preview.hidden = false;
  await run();
}

for (const which of ['content', 'style'] as const) {
  const drop = document.querySelector<HTMLLabelElement>(`#${which}-drop`)!;
  const input = drop.querySelector('input')!;
  input.addEventListener('change', () => void take(which, input.files?.[0]));
  drop.addEventListener('dragover', (event) => {
    event.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('over');
    void take(which, event.dataTransfer?.files[0]);
  });
}

try {
  const at = (url: string) => new URL(url, import.meta.url).href; // the loader's paths are relative to the bundle
  const wasmPaths = {
    'tfjs-backend-wasm.wasm': at(wasm),
    'tfjs-backend-wasm-simd.wasm': at(wasmSimd),
    'tfjs-backend-wasm-threaded-simd.wasm': at(wasmThreadedSimd),
  };
  const report = await initBackend({ backend, wasmPaths });
  document.body.dataset['backend'] = report.backend;
  let where = '';
  if (report.backend === 'wasm' && navigator.hardwareConcurrency > 1) {
    // A worker is this bundle again (import.meta.url is the bundle's); it finds the wasm files where the page does.
    const start = () => new Worker(new URL(import.meta.url), { type: 'module' });
    const refused = await probeTileWorker(start);
    if (refused === undefined) {
      useTileWorkers(webTileWorkers(start, wasmPaths));
      workers = Math.min(4, navigator.hardwareConcurrency);
    }
    where = refused === undefined ? `, ${workers} workers` : `, in this page (${refused})`;
  }
  say(`Running on ${report.backend}${where}. Drop a photo and a painting.`, 'idle');
} catch (error) {
  say(`No backend could start: ${error instanceof Error ? error.message : String(error)}`, 'error');
}
