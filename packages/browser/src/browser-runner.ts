/**
 * The one place a UI sets up tfjs in a browser. Plugin iframes and webviews are not
 * cross-origin isolated, so they have no `SharedArrayBuffer` and tfjs's threaded wasm cannot
 * start there: multithreading is switched off before any backend starts. The cores are used
 * instead by tile workers (tile-workers.ts), where the page's policy lets them start.
 */
import { tf } from '@nst/core';
import { StyleRunner, type StyleRunnerOptions } from './style-runner.js';
import { startTileWorkers, type TileWorkerOptions } from './tile-workers.js';

/** A {@link StyleRunner}'s options, and the page's tile workers (`false`: tiles in the page). */
export interface BrowserRunnerOptions extends Omit<StyleRunnerOptions, 'tileWorkers'> {
  readonly workers?: TileWorkerOptions | false;
}

/** A {@link StyleRunner} for a page that is not cross-origin isolated (wasm single-threaded), with tile workers when given. */
export function createBrowserRunner({ workers = false, ...options }: BrowserRunnerOptions = {}): StyleRunner {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  return new StyleRunner(workers === false ? options : { ...options, tileWorkers: () => startTileWorkers(workers) });
}
