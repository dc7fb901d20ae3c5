/**
 * No import cycles in any workspace's sources: a cycle makes the order modules run in depend on
 * which one is imported first, and ties files that a reader should understand one at a time.
 * Type-only imports count too (they tie the files for a reader as much as for the compiler).
 * Relative imports are followed; packages are leaves.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'dist' ? [] : sources(path);
    return /\.ts$/.test(name) && !/\.d\.ts$/.test(name) ? [path] : [];
  });
}

/** The relative imports (and re-exports) of a file, resolved to files. */
function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'(\.{1,2}\/[^']+)'/gm)].map((m) => m[1]!);
  return specifiers.map((s) => resolve(dirname(file), s.replace(/\.js$/, '.ts')));
}

/** Every cycle among `files`, each as the list of files around it (Tarjan's strongly connected components). */
function cycles(files: readonly string[]): string[][] {
  const graph = new Map(files.map((f) => [f, imports(f).filter((i) => i !== f)]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        component.push(w);
      } while (w !== v);
      if (component.length > 1) out.push(component);
    }
  };
  for (const f of files) if (!index.has(f)) visit(f);
  return out;
}

test('no workspace has an import cycle', () => {
  const roots = ['packages', 'apps'].flatMap((top) => readdirSync(join(ROOT, top)).map((name) => join(ROOT, top, name, 'src')));
  const files = roots.filter((r) => statSync(r, { throwIfNoEntry: false })?.isDirectory()).flatMap(sources);
  assert.ok(files.length > 100, `read ${files.length} files`);
  const found = cycles(files).map((c) =>
    c
      .map((f) => relative(ROOT, f))
      .sort()
      .join(' ↔ '),
  );
  assert.deepEqual(found, [], `import cycles:\n${found.join('\n')}`);
});
