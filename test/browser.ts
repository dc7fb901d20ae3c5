/**
 * Headless Chromium (Debian's `chromium`, driven by playwright-core) for the browser tests, with
 * WebGPU on: on a machine without a GPU, Dawn's OpenGL ES backend on Mesa's llvmpipe gives a
 * compatibility-level adapter, five times faster than the SwiftShader fallback. Pages are served
 * from 127.0.0.1, a secure context, which WebGPU requires.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

const FLAGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--enable-unsafe-webgpu',
  '--use-webgpu-adapter=opengles',
  '--use-gl=angle',
  '--use-angle=gl-egl',
  '--ignore-gpu-blocklist',
];

const CONTENT_TYPES: Record<string, string> = {
  js: 'text/javascript',
  css: 'text/css',
  wasm: 'application/wasm',
  json: 'application/json',
  bin: 'application/octet-stream',
  png: 'image/png',
  jpg: 'image/jpeg',
};

/** Serves `files` (path → body) on 127.0.0.1, each with `headers` too; unknown paths are 404. */
export async function serve(
  files: Record<string, string | Uint8Array>,
  headers: Readonly<Record<string, string>> = {},
): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const body = files[new URL(request.url ?? '/', 'http://x').pathname];
    if (body === undefined && request.url === '/favicon.ico') {
      response.writeHead(204).end(); // browsers ask for it; a 404 would be a console error
      return;
    }
    if (body === undefined) {
      response.writeHead(404).end();
      return;
    }
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const type = CONTENT_TYPES[path.slice(path.lastIndexOf('.') + 1)] ?? 'text/html; charset=utf-8';
    response.writeHead(200, { ...headers, 'content-type': type }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/**
 * Chromium flag: every host name but 127.0.0.1 resolves to nothing, so no request can leave the
 * machine (a test then sees it fail instead of going out).
 */
export const ONLY_LOCALHOST = '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1';

/** A fresh Chromium with its own profile and {@link FLAGS} plus `extraFlags`; `close()` removes the profile. */
export async function launchChromium(extraFlags: readonly string[] = []): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'nst-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...FLAGS, ...extraFlags],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Messages with bytes, made JSON-safe to cross between Node and the page. */
export const BYTES_CODEC_SOURCE = `
  const toWire = (value) => value instanceof Uint8Array ? { $bytes: btoa(Array.from(value, (b) => String.fromCharCode(b)).join('')) }
    : Array.isArray(value) ? value.map(toWire)
    : value !== null && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toWire(v)]))
    : value;
  const fromWire = (value) => value !== null && typeof value === 'object' && typeof value.$bytes === 'string' ? Uint8Array.from(atob(value.$bytes), (c) => c.charCodeAt(0))
    : Array.isArray(value) ? value.map(fromWire)
    : value !== null && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromWire(v)]))
    : value;
`;

export function toWire(value: unknown): unknown {
  if (value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString('base64') };
  if (Array.isArray(value)) return value.map(toWire);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toWire(v)]));
  return value;
}

export function fromWire(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && '$bytes' in value && typeof value.$bytes === 'string') {
    return new Uint8Array(Buffer.from(value.$bytes, 'base64'));
  }
  if (Array.isArray(value)) return value.map(fromWire);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromWire(v)]));
  return value;
}
