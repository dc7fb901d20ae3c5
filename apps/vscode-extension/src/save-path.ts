/** The file name of a result: `<content>.<style>.png`, both stems made safe for file names. */
export function resultFileName(contentName: string, styleName: string): string {
  const stem = (name: string) =>
    name
      .replace(/\.[^.]+$/, '')
      .replace(/[^\p{L}\p{N}_-]+/gu, '-')
      .replace(/^-+|-+$/g, '') || 'image';
  return `${stem(contentName)}.${stem(styleName)}.png`;
}

/** `name`, or `name` with ` (2)`, ` (3)`… before the extension: the first that `taken` says is free. */
export async function freeFileName(name: string, taken: (name: string) => Promise<boolean>): Promise<string> {
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let n = 1; n < 10_000; n++) {
    const candidate = n === 1 ? name : `${stem} (${n})${ext}`;
    if (!(await taken(candidate))) return candidate;
  }
  throw new Error(`No free file name like ${name}: delete some results first.`);
}
