/**
 * `npm run set-version -- <x.y.z>`: one version for everything published. Sets it in the root
 * package.json, in each published workspace (@nst/core, @nst/cli, the VS Code extension, the
 * Figma plugin), in the CLI's dependency on core and in the example's tarball path, then updates
 * package-lock.json. CHANGELOG.md is for a person to write (`npm run release` checks it).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const version = process.argv[2] ?? '';
if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) {
  console.error(`Usage: npm run set-version -- <x.y.z>   (got '${version}')`);
  process.exit(2);
}

function edit(
  path: string,
  change: (manifest: Record<string, unknown> & { version?: string; dependencies?: Record<string, string> }) => void,
): void {
  const file = join(ROOT, path);
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> & {
    version?: string;
    dependencies?: Record<string, string>;
  };
  change(manifest);
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
}

for (const dir of ['.', 'packages/core', 'apps/cli', 'apps/vscode-extension', 'apps/figma-plugin'])
  edit(`${dir}/package.json`, (m) => void (m.version = version));
edit('apps/cli/package.json', (m) => void (m.dependencies!['@nst/core'] = version));
edit('examples/drop-style/package.json', (m) => void (m.dependencies!['@nst/core'] = `file:../../release/nst-core-${version}.tgz`));
execFileSync('npm', ['install', '--package-lock-only', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: ROOT, stdio: 'inherit' });
console.log(`version ${version}; now write its section in CHANGELOG.md`);
