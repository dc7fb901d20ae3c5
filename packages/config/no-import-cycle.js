// @ts-check
/**
 * The lint rule `nst/no-import-cycle`: no file may reach itself through its relative imports.
 *
 * Why a rule of our own rather than eslint-plugin-import-x's `no-cycle`: that plugin needs a
 * TypeScript resolver (a native package) to map the `.js` specifiers NodeNext wants onto the `.ts`
 * files, and parses every imported module with the full parser. Here the specifiers of a file are
 * read with TypeScript's `preProcessFile` (a scanner, not a parse; comments and strings are
 * skipped), and relative specifiers are resolved the way NodeNext and tsx resolve them. Type-only
 * imports count (`import type`, `typeof import('./x.js')`): they tie two files for a reader as much
 * as a value import does. Packages are leaves; only `./` and `../` specifiers are followed.
 *
 * A cycle makes the order modules run in depend on which one is imported first, and ties files a
 * reader should understand one at a time. The rule reports each import that leads back to the file,
 * with the shortest way round.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * The extensions to try, by a specifier's own, in the order NodeNext (with tsx for `.ts` sources)
 * tries them; an empty list: the file as named.
 * @type {[RegExp, string[]][]}
 */
const CANDIDATES = [
  [/\.js$/, ['.ts', '.tsx', '.js']],
  [/\.mjs$/, ['.mts', '.mjs']],
  [/\.cjs$/, ['.cts', '.cjs']],
  [/\.(ts|tsx|mts|cts)$/, []],
];

/** Extensions of the files that are followed (anything else, a `.json` or a `.jpg`, is a leaf). */
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;

/** What an extensionless specifier may name. */
const BARE = ['.ts', '.tsx', '.js', '/index.ts', '/index.js'];

/**
 * The source file a relative specifier names from `fromFile`, or undefined (a package, a file that
 * is not a source, or one that does not exist).
 * @param {string} fromFile
 * @param {string} specifier
 * @returns {string | undefined}
 */
export function resolveRelative(fromFile, specifier) {
  if (!/^\.\.?(\/|$)/.test(specifier)) return undefined;
  const base = resolve(dirname(fromFile), specifier);
  const match = CANDIDATES.find(([pattern]) => pattern.test(base));
  const stem = base.replace(/\.[cm]?js$/, '');
  const tries = match ? (match[1].length > 0 ? match[1].map((ext) => stem + ext) : [base]) : [base, ...BARE.map((ext) => base + ext)];
  return tries.find((path) => SOURCE.test(path) && isFile(path));
}

/** @param {string} path */
function isFile(path) {
  try {
    return statSync(path).isFile();
  } catch {
    return false; // missing, or a path through a file (ENOTDIR)
  }
}

/**
 * The specifiers of a module's imports and re-exports (type-only and `import()` included), with
 * where each stands in the text.
 * @param {string} text
 * @returns {{ specifier: string; pos: number; end: number }[]}
 */
export function importSpecifiers(text) {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => ({ specifier: f.fileName, pos: f.pos, end: f.end }));
}

/** @type {Map<string, { mtimeMs: number; imports: string[] }>} */
const cache = new Map();

/**
 * The files `file` imports, read from disk; kept while the file's modification time stays (an
 * editor's long-lived ESLint sees edits).
 * @param {string} file
 * @returns {string[]}
 */
function importsOf(file) {
  const mtimeMs = statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? -1;
  const kept = cache.get(file);
  if (kept && kept.mtimeMs === mtimeMs) return kept.imports;
  const imports =
    mtimeMs < 0
      ? []
      : importSpecifiers(readFileSync(file, 'utf8'))
          .map((s) => resolveRelative(file, s.specifier))
          .filter((f) => f !== undefined);
  cache.set(file, { mtimeMs, imports });
  return imports;
}

/**
 * The shortest chain of imports from `start` back to `target` (start first, target not repeated),
 * or undefined when there is none: a breadth-first search.
 * @param {string} start
 * @param {string} target
 * @returns {string[] | undefined}
 */
function pathBack(start, target) {
  /** @type {Map<string, string | null>} */
  const cameFrom = new Map([[start, null]]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const file = /** @type {string} */ (queue[i]);
    for (const next of importsOf(file)) {
      if (next === target) {
        const chain = [file];
        for (let f = cameFrom.get(file); f; f = cameFrom.get(f)) chain.unshift(f);
        return chain;
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, file);
        queue.push(next);
      }
    }
  }
  return undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
export const noImportCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import cycles through relative imports, type-only imports included.' },
    schema: [],
    messages: {
      cycle: 'Import cycle: this file → {{chain}} → this file. Move what both need into a module neither imports, or pass it in.',
    },
  },
  create(context) {
    const file = context.filename;
    if (!SOURCE.test(file)) return {};
    return {
      Program() {
        const { sourceCode } = context;
        for (const { specifier, pos, end } of importSpecifiers(sourceCode.text)) {
          const target = resolveRelative(file, specifier);
          if (target === undefined || target === file) continue;
          const chain = pathBack(target, file);
          if (!chain) continue;
          context.report({
            loc: { start: sourceCode.getLocFromIndex(pos), end: sourceCode.getLocFromIndex(end) },
            messageId: 'cycle',
            data: { chain: chain.map((f) => relative(dirname(file), f)).join(' → ') },
          });
        }
      },
    };
  },
};
