/**
 * What `nst` says when a photo is smaller than `--size`: a photo is never enlarged (stylize keeps
 * the photo's own size), so the result is the photo's size, not the one asked for. Undefined when
 * the photo reaches `size`.
 */
export function sizeNotice(file: string, photo: { readonly width: number; readonly height: number }, size: number): string | undefined {
  if (Math.max(photo.width, photo.height) >= size) return undefined;
  return (
    `${file} is ${photo.width}×${photo.height}, smaller than --size ${size}; a photo is never enlarged, ` +
    `so the result is ${photo.width}×${photo.height}.`
  );
}
