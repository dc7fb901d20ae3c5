/* global URL */
// Node module hook: `import 'vscode'` loads the mock (resolved through the next hooks, so tsx compiles it).
export async function resolve(specifier, context, next) {
  return next(specifier === 'vscode' ? new URL('./vscode-mock.ts', import.meta.url).href : specifier, context);
}
