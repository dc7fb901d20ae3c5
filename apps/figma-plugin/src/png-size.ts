/**
 * The size of a PNG from its header, without decoding it: what the main thread (which has no
 * image decoder) checks an export against.
 */

/** Width and height in px of the PNG `bytes`, or undefined when they are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(12) !== 0x49484452) return undefined; // "IHDR"
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
