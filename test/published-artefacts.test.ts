/**
 * What every published artefact carries: the code's licence (MIT, the root LICENSE, word for
 * word), kept apart from the images' SOURCES.md, and one version for all of them.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as core from '@nst/core';

const root = new URL('../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const manifest = (dir: string) =>
  JSON.parse(read(`${dir}/package.json`)) as {
    name: string;
    version: string;
    license?: string;
    private?: boolean;
    dependencies?: Record<string, string>;
  };
const workspaces = ['packages', 'apps'].flatMap((group) =>
  readdirSync(new URL(`${group}/`, root), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(new URL(`${group}/${entry.name}/package.json`, root)))
    .map((entry) => `${group}/${entry.name}`),
);
const LICENSE = read('LICENSE');

/** The artefacts a release ships (`npm run release`): two npm tarballs, the .vsix, the Figma plugin. */
const PUBLISHED = ['packages/core', 'apps/cli', 'apps/vscode-extension', 'apps/figma-plugin'];

describe('published artefacts', () => {
  test('the root LICENSE is MIT, and every workspace carries it word for word and says MIT', () => {
    assert.match(LICENSE, /^MIT License\n\nCopyright \(c\) \d{4} /);
    assert.ok(workspaces.length >= 7, workspaces.join(', '));
    for (const dir of workspaces) {
      assert.equal(read(`${dir}/LICENSE`), LICENSE, `${dir}/LICENSE`);
      assert.equal(manifest(dir).license, 'MIT', `${dir}/package.json`);
    }
    assert.equal(manifest('.').license, 'MIT');
  });

  test('the images keep their own licences: each image folder has its SOURCES.md', () => {
    for (const dir of ['apps/cli/samples', 'apps/figma-plugin/presets', 'apps/vscode-extension/media']) {
      assert.match(read(`${dir}/SOURCES.md`), /public domain|CC0/i, dir);
    }
  });

  test("one version: the root's, for every published artefact, the CLI depending on that core, and a CHANGELOG entry", () => {
    const { version } = manifest('.');
    assert.match(version, /^\d+\.\d+\.\d+(-[\w.]+)?$/);
    for (const dir of PUBLISHED) assert.equal(manifest(dir).version, version, dir);
    assert.equal(manifest('apps/cli').dependencies?.['@nst/core'], version, 'the CLI depends on exactly this core');
    assert.equal(manifest('packages/core').private, undefined, '@nst/core is publishable');
    assert.equal(manifest('apps/cli').private, undefined, '@nst/cli is publishable');
    assert.match(
      read('CHANGELOG.md'),
      new RegExp(`^## ${version.replaceAll('.', '\\.')}\\b`, 'm'),
      `CHANGELOG.md has a section for ${version}`,
    );
  });

  test("the built Figma plugin carries the licence and the presets' sources", () => {
    assert.equal(read('apps/figma-plugin/dist/LICENSE'), LICENSE);
    assert.equal(read('apps/figma-plugin/dist/SOURCES.md'), read('apps/figma-plugin/presets/SOURCES.md'));
  });

  test('the API reference (TypeDoc, built into docs/api/) has a page for every value @nst/core exports', () => {
    const pages = new Set(
      ['classes', 'functions', 'variables'].flatMap((kind) =>
        readdirSync(new URL(`docs/api/${kind}/`, root)).map((file) => file.replace(/\.html$/, '')),
      ),
    );
    assert.match(read('docs/api/index.html'), /@nst\/core/);
    // tf is TensorFlow.js itself, re-exported: its reference is tfjs's; the README and index page say so.
    const missing = Object.keys(core).filter((name) => name !== 'tf' && !pages.has(name));
    assert.deepEqual(missing, []);
  });

  test("after npm ci (and the build), nst is on npm's path in this repository: npx nst works", () => {
    const nst = new URL('node_modules/.bin/nst', root);
    assert.ok(existsSync(nst), 'node_modules/.bin/nst: npm links the committed launcher apps/cli/bin/nst.js');
    assert.equal(execFileSync(fileURLToPath(nst), ['--version'], { encoding: 'utf8' }), `${manifest('.').version}\n`);
  });
});
