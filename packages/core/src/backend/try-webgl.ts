/**
 * The WebGL attempt, browsers only: a WebGL 2 context is probed first, so that a software
 * renderer is recognised by name and passed over before tfjs compiles anything on it.
 */
import { activate, type Attempt, softwareReason } from './attempt.js';
import { isBrowser } from './environment.js';
import { isSoftwareRenderer } from './webgpu-adapter.js';

/** The WebGL 2 renderer's name (unmasked where the browser allows), or undefined without WebGL 2. */
function webglRenderer(): string | undefined {
  const canvas = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(1, 1) : document.createElement('canvas');
  const gl = canvas.getContext('webgl2');
  if (gl === null) return undefined;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(info !== null ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}

/** Activates tfjs's WebGL backend on a hardware renderer (a software one only if `allowSoftware`). */
export async function tryWebGl(allowSoftware: boolean): Promise<Attempt> {
  if (!isBrowser) return { ok: false, reason: 'WebGL needs a browser' };
  const renderer = webglRenderer();
  if (renderer === undefined) return { ok: false, reason: 'this browser gives no WebGL 2 context' };
  if (isSoftwareRenderer(renderer) && !allowSoftware) return { ok: false, reason: softwareReason(renderer) };
  return activate('webgl');
}
