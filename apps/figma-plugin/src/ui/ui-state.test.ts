import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { MainToUi } from '../protocol.js';
import { DEFAULT_SETTINGS } from '../settings.js';
import { canRun, initialUiState, nextUiState, qualityChoice, runLabel, selectionText, type Job, type UiEvent, type UiState } from './ui-state.js';

const styles = ['The Night Café', 'Brick'].map((name) => ({ name, title: name, bytes: new Uint8Array([1]) }));
const job: Job = { type: 'job', nodeId: '1:2', name: 'Card', png: new Uint8Array([1]), choice: { styleName: 'Brick', strength: 0.5 }, keptLayers: 2, index: 2, total: 4 };
const progress = { iteration: 3, iterations: 10, stage: 1, stages: 1, loss: 0, contentLoss: 0, styleLoss: 0, elapsedMs: 0, fraction: 0.5 };

/** Runs events from the initial state; the last state and every effect on the way. */
function play(...events: UiEvent[]): { state: UiState; effects: unknown[] } {
  let state = initialUiState(styles);
  const effects: unknown[] = [];
  for (const event of events) {
    const [next, done] = nextUiState(state, event);
    state = next;
    effects.push(...done);
  }
  return { state, effects };
}
const message = (m: MainToUi): UiEvent => ({ type: 'message', message: m });
const select = message({ type: 'selection', nodes: [{ id: '1', name: 'A', width: 1, height: 1 }, { id: '2', name: 'B', width: 1, height: 1 }] });

describe('the plugin UI state', () => {
  test('settings from the main thread: unknown styles dropped, the backend started, nothing saved back', () => {
    const settings = { ...DEFAULT_SETTINGS, styleName: 'Gone', variationStyles: ['Brick', 'Gone'], backend: 'wasm' as const };
    const { state, effects } = play(message({ type: 'settings', settings }));
    assert.equal(state.settings.styleName, 'The Night Café');
    assert.deepEqual(state.settings.variationStyles, ['Brick']);
    assert.equal(state.backend.text, 'Starting the compute backend…');
    assert.deepEqual(effects, [{ type: 'start-backend', backend: 'wasm' }]);
  });

  test('a change is checked and saved; a new backend is started', () => {
    const { state, effects } = play({ type: 'strength', value: '7' }, { type: 'backend', value: 'webgl' }, { type: 'quality', value: 'draft' });
    assert.equal(state.settings.strength, DEFAULT_SETTINGS.strength);
    assert.deepEqual([state.settings.size, state.settings.iterations, state.settings.backend], [256, 40, 'webgl']);
    assert.deepEqual(effects.filter((e) => (e as { type: string }).type !== 'post'), [{ type: 'start-backend', backend: 'webgl' }]);
    assert.equal(effects.length, 4, 'three saves and a start');
  });

  test('a run: Style starts it, jobs are styled with the run’s settings, progress spans the jobs, done ends it', () => {
    const started = play(select, { type: 'run' });
    assert.equal(canRun(started.state), false);
    assert.equal(started.state.status.text, 'Exporting…');
    assert.deepEqual(started.effects, [{ type: 'begin-run' }, { type: 'post', message: { type: 'stylize-selection', settings: DEFAULT_SETTINGS } }]);
    const running = play(select, { type: 'run' }, { type: 'strength', value: '0.9' }, message(job), { type: 'progress', job, progress });
    assert.deepEqual(running.effects.at(-1), { type: 'style', job, settings: DEFAULT_SETTINGS });
    assert.equal(running.state.progress, 1.5 / 4);
    assert.equal(running.state.status.text, 'Styling “Card” (2 of 4, 2 text layers kept crisp) · iteration 3 of 10');
    const [done, effects] = nextUiState(running.state, message({ type: 'done', placed: 1, skipped: [{ name: 'B', reason: 'gone' }], cancelled: false }));
    assert.deepEqual([done.run, done.progress, done.status], [undefined, 0, { text: 'Styled 1 of 2 layers. Skipped “B”: gone.', error: false }]);
    assert.deepEqual(effects, [{ type: 'end-run' }]);
  });

  test('results, failures and cancel are posted to the main thread', () => {
    const png = new Uint8Array([9]);
    assert.deepEqual(play({ type: 'styled', job, png }).effects, [{ type: 'post', message: { type: 'result', nodeId: '1:2', index: 2, png } }]);
    const failed = play({ type: 'job-failed', job, message: 'no GPU' });
    assert.deepEqual(failed.state.status, { text: '“Card”: no GPU', error: true });
    assert.deepEqual(failed.effects, [{ type: 'post', message: { type: 'job-failed', nodeId: '1:2', index: 2, message: 'no GPU' } }]);
    assert.deepEqual(play({ type: 'cancel' }).effects, [{ type: 'abort-run' }, { type: 'post', message: { type: 'cancel' } }]);
  });

  test('styles: an upload is checked before it is added and chosen; with variations a click adds or removes a style', () => {
    const bytes = new Uint8Array([2]);
    const { effects } = play({ type: 'upload', fileName: 'paper.png', bytes });
    assert.deepEqual(effects, [{ type: 'check-upload', style: { name: 'paper', title: 'paper.png — uploaded', bytes }, what: 'file “paper.png”' }]);
    const added = play({ type: 'add-style', style: { name: 'paper', title: 't', bytes } });
    assert.deepEqual([added.state.styles.length, added.state.settings.styleName], [3, 'paper']);
    const varied = play({ type: 'toggle', setting: 'variations', on: true }, { type: 'choose-style', name: 'Brick' }, { type: 'toggle-strength', strength: 0.25 }, { type: 'toggle-strength', strength: 0.75 }, select);
    assert.deepEqual(varied.state.settings.variationStyles, ['The Night Café', 'Brick']);
    assert.equal(runLabel(varied.state), 'Style 8 copies');
    assert.deepEqual(play({ type: 'toggle', setting: 'variations', on: true }, { type: 'choose-style', name: 'The Night Café' }).state.settings.variationStyles, []);
  });

  test('what the view shows: the selection, the Style label and a custom quality', () => {
    assert.equal(selectionText([]), 'Select frames or layers to style.');
    assert.equal(selectionText(['a', 'b', 'c', 'd'].map((name) => ({ id: name, name, width: 1, height: 1 }))), '4 selected: a, b, c, …');
    assert.equal(runLabel(play(select).state), 'Style 2 layers');
    assert.deepEqual(qualityChoice({ ...DEFAULT_SETTINGS, size: 0, iterations: 9 }).value, 'custom');
    assert.equal(qualityChoice({ ...DEFAULT_SETTINGS, size: 0, iterations: 9 }).options.at(-1)?.label, 'Custom · full px, 9 iterations');
  });
});
