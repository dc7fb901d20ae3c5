/**
 * The one place a UI sets up tfjs in a browser. Plugin iframes and webviews are not
 * cross-origin isolated, so they have no `SharedArrayBuffer` and tfjs's threaded wasm cannot
 * start there: multithreading is switched off before any backend starts.
 */
import { tf } from '@nst/core';
import { StyleRunner, type StyleRunnerOptions } from './style-runner.js';

/** A {@link StyleRunner} for a page that is not cross-origin isolated (wasm single-threaded). */
export function createBrowserRunner(options: StyleRunnerOptions = {}): StyleRunner {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  return new StyleRunner(options);
}
