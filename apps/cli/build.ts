/** Builds `dist/nst.js`, the command: one ES module for Node 20, its dependencies left in node_modules. */
import { bundle } from '@nst/config/bundle';

await bundle({
  entryPoints: ['src/bin.ts'],
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outfile: 'dist/nst.js',
});
console.log('dist/nst.js');
