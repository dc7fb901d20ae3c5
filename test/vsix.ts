import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The extension's folder (its package.json, `dist/` and `media/`). */
export const EXTENSION_DIR = fileURLToPath(new URL('../apps/vscode-extension/', import.meta.url));

/**
 * Packs the built extension into `file` with vsce, as `npm run package` does (its README's
 * screenshots stay relative links to `docs/`, which the package holds: shown offline).
 */
export function packageVsix(file: string): void {
  const vsce = join(dirname(createRequire(import.meta.url).resolve('@vscode/vsce/package.json')), 'vsce');
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--no-rewrite-relative-links', '-o', file], {
    cwd: EXTENSION_DIR,
    stdio: 'pipe',
  });
}
