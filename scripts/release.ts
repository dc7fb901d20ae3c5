/**
 * `npm run release`: everything this repository publishes, at one version, in `release/`:
 * the npm tarballs of @nst/core and @nst/cli, the VS Code extension's .vsix, the Figma plugin's
 * folder (what Figma imports from its manifest), and SHA256SUMS. Nothing is published: that is a
 * person's `npm publish release/nst-core-<v>.tgz` (and the Marketplace, Figma Community) later.
 *
 *   node --import tsx scripts/release.ts [--out <dir>] [--no-build]
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const { values } = parseArgs({ options: { out: { type: 'string' }, 'no-build': { type: 'boolean' } } });
const out = resolve(values.out ?? join(ROOT, 'release'));

const manifest = (dir: string) =>
  JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')) as { version: string; dependencies?: Record<string, string> };
const { version } = manifest('.');
const published = ['packages/core', 'apps/cli', 'apps/vscode-extension', 'apps/figma-plugin'];
const stray = published.filter((dir) => manifest(dir).version !== version);
if (stray.length > 0 || manifest('apps/cli').dependencies?.['@nst/core'] !== version) {
  throw new Error(
    `release: ${[...stray, 'apps/cli (its @nst/core)'].join(', ')} not at ${version}; run npm run set-version -- ${version}.`,
  );
}
if (!new RegExp(`^## ${version.replaceAll('.', '\\.')}\\b`, 'm').test(readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8'))) {
  throw new Error(`release: CHANGELOG.md has no "## ${version}" section; write it first.`);
}

const run = (command: string, args: string[]) =>
  execFileSync(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
if (values['no-build'] !== true) run('npx', ['turbo', 'run', 'build', '--output-logs=errors-only']);

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
run('npm', ['pack', '--loglevel=warn', '--pack-destination', out, '-w', '@nst/core', '-w', '@nst/cli']);
run('npm', ['run', 'package', '-w', 'nst-style-preview', '--silent']);
cpSync(join(ROOT, 'apps/vscode-extension/dist/nst-style-preview.vsix'), join(out, `nst-style-preview-${version}.vsix`));
cpSync(join(ROOT, 'apps/figma-plugin/dist'), join(out, `figma-plugin-${version}`), { recursive: true });

const files = (dir: string, prefix = ''): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
const listed = files(out).sort();
writeFileSync(
  join(out, 'SHA256SUMS'),
  listed
    .map(
      (file) =>
        `${createHash('sha256')
          .update(readFileSync(join(out, file)))
          .digest('hex')}  ${file}\n`,
    )
    .join(''),
);
for (const file of listed) console.log(`${(statSync(join(out, file)).size / 1e6).toFixed(2).padStart(7)} MB  ${file}`);
console.log(`release ${version} in ${out}`);
