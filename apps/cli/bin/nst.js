#!/usr/bin/env node
// The `nst` command's launcher. It is committed, not built, so that npm links it when it installs
// (npm ci here links no bin whose file does not exist yet); the command itself is dist/nst.js.
const entry = new globalThis.URL('../dist/nst.js', import.meta.url);
try {
  await import(entry.href);
} catch (error) {
  if (error instanceof Error && 'code' in error && error.code === 'ERR_MODULE_NOT_FOUND' && error.message.includes(entry.pathname)) {
    globalThis.process.stderr.write('nst: not built yet; run npm run build (in the nst repository) first.\n');
    globalThis.process.exit(1);
  }
  throw error;
}
