import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { importSpecifiers, noImportCycle, resolveRelative } from './no-import-cycle.js';

const root = mkdtempSync(join(tmpdir(), 'nst-no-import-cycle-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** Writes `files` (path → text) under a fresh folder and returns its path. */
function project(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** The rule's messages on a file as it stands on disk. */
function lint(file: string): { line: number; column: number; message: string }[] {
  const linter = new Linter({ configType: 'flat', cwd: root });
  const messages = linter.verify(
    readFileSync(file, 'utf8'),
    [
      {
        files: ['**/*.ts', '**/*.js'],
        languageOptions: { parser: tseslint.parser },
        plugins: { nst: { rules: { 'no-import-cycle': noImportCycle } } },
        rules: { 'nst/no-import-cycle': 'error' },
      },
    ],
    { filename: file },
  );
  return messages.map(({ line, column, message }) => ({ line, column, message }));
}

const advice = 'Move what both need into a module neither imports, or pass it in.';

test('a cycle of three files through a type-only import and a re-export is reported in each file', () => {
  const dir = project('three', {
    'a.ts': "import { b } from './b.js';\nexport const a = b + 1;\n",
    'b.ts': "export { c as b } from './sub/c.js';\n",
    'sub/c.ts': "import type { A } from '../a.js';\nexport const c: A = 1;\n",
    'sub/types.ts': 'export type A = number;\n',
  });
  assert.deepEqual(lint(join(dir, 'a.ts')), [
    { line: 1, column: 19, message: `Import cycle: this file → b.ts → sub/c.ts → this file. ${advice}` },
  ]);
  assert.deepEqual(lint(join(dir, 'sub/c.ts')), [
    { line: 1, column: 24, message: `Import cycle: this file → ../a.ts → ../b.ts → this file. ${advice}` },
  ]);
});

test('a type in an import() type and a dynamic import() close a cycle too', () => {
  const dir = project('dynamic', {
    'worker.ts': "export type W = typeof import('./pool.js');\n",
    'pool.ts': "export const load = () => import('./worker.js');\n",
  });
  assert.equal(lint(join(dir, 'pool.ts')).length, 1);
  assert.equal(lint(join(dir, 'worker.ts')).length, 1);
});

test('the same graph without the closing edge is clean, and so are packages, comments and strings', () => {
  const dir = project('clean', {
    'a.ts': "import { b } from './b.js';\nimport ts from 'typescript';\nexport const a = b + ts.version.length;\n",
    'b.ts': "// import { a } from './a.js';\nexport const b = \"import { a } from './a.js'\".length;\n",
    'self.ts': "export * from './self.js';\n",
  });
  assert.deepEqual(lint(join(dir, 'a.ts')), []);
  assert.deepEqual(lint(join(dir, 'b.ts')), []);
  assert.deepEqual(lint(join(dir, 'self.ts')), []);
});

test('the shortest way round is the one reported', () => {
  const dir = project('shortest', {
    'a.ts': "import './long1.js';\nimport './short.js';\n",
    'long1.ts': "import './long2.js';\n",
    'long2.ts': "import './a.js';\n",
    'short.ts': "import './long2.js';\n",
  });
  assert.deepEqual(
    lint(join(dir, 'a.ts')).map((m) => m.message),
    [
      `Import cycle: this file → long1.ts → long2.ts → this file. ${advice}`,
      `Import cycle: this file → short.ts → long2.ts → this file. ${advice}`,
    ],
  );
});

test('an edit on disk is seen by the next lint (the cache follows modification times)', () => {
  const dir = project('edit', {
    'a.ts': "import './b.js';\n",
    'b.ts': 'export {};\n',
  });
  assert.deepEqual(lint(join(dir, 'a.ts')), []);
  writeFileSync(join(dir, 'b.ts'), "import './a.js';\n");
  // Some file systems keep whole seconds: move the time on so the change is seen.
  const later = new Date(Date.now() + 5000);
  utimesSync(join(dir, 'b.ts'), later, later);
  assert.equal(lint(join(dir, 'a.ts')).length, 1);
});

test('specifiers resolve as NodeNext and tsx resolve them; non-sources and packages are leaves', () => {
  const dir = project('resolve', {
    'm.ts': '',
    'n.js': '',
    'k.mts': '',
    'folder/index.ts': '',
    'data.json': '{}',
  });
  const from = join(dir, 'x.ts');
  assert.equal(resolveRelative(from, './m.js'), join(dir, 'm.ts'));
  assert.equal(resolveRelative(from, './n.js'), join(dir, 'n.js'));
  assert.equal(resolveRelative(from, './k.mjs'), join(dir, 'k.mts'));
  assert.equal(resolveRelative(from, './m'), join(dir, 'm.ts'));
  assert.equal(resolveRelative(from, './folder'), join(dir, 'folder/index.ts'));
  assert.equal(resolveRelative(from, './data.json'), undefined);
  assert.equal(resolveRelative(from, './missing.js'), undefined);
  assert.equal(resolveRelative(from, 'typescript'), undefined);
  assert.deepEqual(
    importSpecifiers("import type { T } from './t.js';\nexport * from './u.js';\nconst v = require('./v.js');\n").map((s) => s.specifier),
    ['./t.js', './u.js', './v.js'],
  );
});
