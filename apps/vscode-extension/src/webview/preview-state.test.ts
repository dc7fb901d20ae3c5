import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RgbaImage } from '@nst/core';
import { DEFAULT_PREVIEW_SETTINGS } from '../preview-settings.js';
import type { HostToWebview } from '../protocol.js';
import { initialPreviewState, nextPreviewState, type PreviewEffect, type PreviewEvent, type PreviewState } from './preview-state.js';

const image = (width: number): RgbaImage => ({ width, height: 1, data: new Uint8ClampedArray(width * 4) });
const file = (name: string) => ({ name, bytes: new Uint8Array([1]) });
const preview: HostToWebview = {
  type: 'preview',
  style: file('night.png'),
  content: file('cat.jpg'),
  settings: { ...DEFAULT_PREVIEW_SETTINGS, size: 512, backend: 'wasm' },
  canSave: false,
};

function play(state: PreviewState, ...events: PreviewEvent[]): { state: PreviewState; effects: PreviewEffect[] } {
  const effects: PreviewEffect[] = [];
  for (const event of events) {
    const [next, done] = nextPreviewState(state, event);
    state = next;
    effects.push(...done);
  }
  return { state, effects };
}
const loaded = (saved?: Parameters<typeof initialPreviewState>[0]) =>
  play(
    initialPreviewState(saved),
    { type: 'message', message: preview },
    { type: 'style-loaded', image: image(2) },
    { type: 'content-loaded', name: 'cat.jpg', image: image(3) },
    { type: 'loaded', heatmaps: [] },
  );

describe('the Style Preview state', () => {
  test('a preview loads, then applies with the host’s settings unless the user changed the controls', () => {
    const { state, effects } = loaded();
    assert.equal(effects[0]?.type, 'load');
    assert.deepEqual(effects.at(-1), { type: 'stylize', run: 1, content: image(3), style: image(2), settings: preview.settings });
    assert.deepEqual([state.running, state.status, state.saveDisabled], [true, 'Styling cat.jpg at 3 px…', true]); // a 3 px image: stylize does not enlarge
    const kept = loaded({ size: 128 });
    assert.equal((kept.effects.at(-1) as { settings: { size: number } }).settings.size, 128);
  });

  test('changed controls are remembered; typed junk reads as the default', () => {
    const { state, effects } = play(loaded().state, {
      type: 'controls',
      values: { strength: '0.8', size: '5000', iterations: '9', preserveColors: true },
    });
    assert.deepEqual(effects, [
      { type: 'remember', controls: { strength: 0.8, size: 256, iterations: 9, preserveColors: true, backend: 'wasm' } },
    ]);
    assert.notEqual(state.controlsShown, state.controls, 'the inputs keep what was typed');
  });

  test('a run: progress, a result that can be saved in a trusted workspace, and only the latest run’s events heard', () => {
    const started = loaded({});
    const again = play(started.state, { type: 'apply' });
    assert.deepEqual(
      again.effects.map((e) => e.type),
      ['abort', 'stylize'],
    );
    const { state } = play(
      again.state,
      { type: 'run-ended', run: 1 },
      { type: 'cancelled', run: 1 },
      { type: 'preview', run: 1, image: image(2) },
      { type: 'progress', run: 2, fraction: 0.5, iteration: 3, iterations: 6, elapsedMs: 100 },
      { type: 'styled', run: 2, result: image(4), seconds: 1.23 },
    );
    assert.deepEqual(
      [state.running, state.progress, state.status, state.saveDisabled, state.saveTitle, state.resultShown],
      [true, 0.5, 'Done in 1.2 s.', true, 'Saving is off in an untrusted workspace.', image(4)],
      'the replaced run’s cancel and preview are not heard',
    );
    const stale = play(again.state, { type: 'cancelled', run: 1 }, { type: 'preview', run: 1, image: image(2) }).state;
    assert.deepEqual([stale.status, stale.resultShown], [again.state.status, again.state.resultShown], 'the replaced run is not heard');
    assert.equal(play(state, { type: 'run-ended', run: 2 }).state.running, false);
    assert.deepEqual(play(state, { type: 'save' }).effects, [{ type: 'save', result: image(4) }]);
  });

  test('the status during a run says the time left, once 3 % of the work is done and 2 s have passed', () => {
    const running = play(loaded({}).state, { type: 'apply' }).state;
    const status = (fraction: number, elapsedMs: number) =>
      play(running, { type: 'progress', run: running.run, fraction, iteration: 30, iterations: 200, elapsedMs }).state.status;
    assert.equal(status(0.02, 5000), 'Iteration 30 of 200');
    assert.equal(status(0.5, 1500), 'Iteration 30 of 200');
    assert.equal(status(0.2, 30_000), 'Iteration 30 of 200 · about 2 min left');
  });

  test('failures: a load failure leaves only the message; a failed save or run shows it beside the rest', () => {
    const fatal = play(loaded().state, { type: 'message', message: { type: 'load-failed', message: 'gone' } }).state;
    assert.deepEqual([fatal.error, fatal.fatal, fatal.status, fatal.backend], ['gone', true, '', '']);
    const saveFailed = play(loaded().state, { type: 'message', message: { type: 'save-failed', message: 'disk full' } }).state;
    assert.deepEqual([saveFailed.error, saveFailed.fatal, saveFailed.saveDisabled], ['disk full', false, false]);
    assert.equal(play(fatal, { type: 'message', message: preview }).state.fatal, false);
  });
});
