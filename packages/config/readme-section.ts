/**
 * The README sections a bench or a measuring script writes, between `<!-- bench:NAME -->` and
 * `<!-- /bench:NAME -->`, so that no figure in a README is typed by hand. Shared by @nst/core's
 * benches and the scripts in test/ that measure the apps.
 */
import { readFileSync, writeFileSync } from 'node:fs';

/** Prints `markdown` and puts it in `readme`'s section `name` (set NST_BENCH_README=0 to only print). */
export function writeReadmeSection(readme: string, name: string, markdown: string): void {
  console.log(`\n${markdown}\n`);
  if (process.env.NST_BENCH_README === '0') return;
  const [open, close] = [`<!-- bench:${name} -->`, `<!-- /bench:${name} -->`];
  const text = readFileSync(readme, 'utf8');
  const [start, end] = [text.indexOf(open), text.indexOf(close)];
  if (start < 0 || end < start) throw new Error(`${readme} has no ${open} … ${close} section to regenerate.`);
  writeFileSync(readme, `${text.slice(0, start + open.length)}\n${markdown}\n${text.slice(end)}`);
  console.log(`${readme}: section ${name} regenerated.`);
}
