import sharp from 'sharp';
import { initBackend, stylize } from '@nst/core';
const [photo, painting, size, out, extra] = process.argv.slice(2);
const load = async (p: string, max?: number) => {
  let s = sharp(p).rotate();
  if (max) s = s.resize(max, max, { fit: 'inside', withoutEnlargement: true });
  const { data, info } = await s.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data) };
};
await initBackend({ onnxRuntime: () => import('onnxruntime-node') });
const t = performance.now();
const r = await stylize({
  content: await load(photo!, Number(size)),
  styles: [{ image: await load(painting!) }],
  maxSize: Number(size),
  workers: 2,
  ...(extra ? JSON.parse(extra) : {}),
});
console.log(((performance.now() - t) / 1000).toFixed(1), 's');
await sharp(Buffer.from(r.data), { raw: { width: r.width, height: r.height, channels: 4 } })
  .png()
  .toFile(out!);
