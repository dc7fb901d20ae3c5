/** `npm run release` (scripts/release.ts), into a temp folder, from what `npm run build` made. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

describe('npm run release', { timeout: 300_000 }, () => {
  let out: string;
  before(() => {
    out = join(mkdtempSync(join(tmpdir(), 'nst-release-')), 'release');
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/release.ts', '--out', out, '--no-build'], { cwd: ROOT, stdio: 'pipe' });
  });
  after(() => rmSync(join(out, '..'), { recursive: true, force: true }));

  test('puts the two tarballs, the .vsix and the Figma plugin, at one version, into one folder', () => {
    assert.deepEqual(readdirSync(out).sort(), [
      'SHA256SUMS',
      `figma-plugin-${version}`,
      `nst-cli-${version}.tgz`,
      `nst-core-${version}.tgz`,
      `nst-style-preview-${version}.vsix`,
    ]);
    assert.deepEqual(readdirSync(join(out, `figma-plugin-${version}`)).sort(), [
      'LICENSE',
      'SOURCES.md',
      'code.js',
      'manifest.json',
      'ui.html',
    ]);
    assert.equal(readFileSync(join(out, `nst-style-preview-${version}.vsix`)).readUInt32LE(0), 0x04034b50, 'the .vsix is a zip');
    assert.equal(readFileSync(join(out, `nst-core-${version}.tgz`)).readUInt16BE(0), 0x1f8b, 'the tarballs are gzip');
  });

  test('SHA256SUMS lists every file with its hash', () => {
    const lines = readFileSync(join(out, 'SHA256SUMS'), 'utf8').trim().split('\n');
    assert.equal(lines.length, 3 + 5, lines.join('\n'));
    for (const line of lines) {
      const [hash, file] = line.split('  ') as [string, string];
      assert.equal(
        createHash('sha256')
          .update(readFileSync(join(out, file)))
          .digest('hex'),
        hash,
        file,
      );
    }
  });
});
