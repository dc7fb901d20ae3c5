import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { estimateStyleJobSeconds } from '@nst/browser/estimate-style-job';
import type { MainToUi } from '../protocol.js';
import { DEFAULT_SETTINGS } from '../settings.js';
import { estimateRunJobs } from './run-estimate.js';
import {
  canRun,
  initialUiState,
  nextUiState,
  qualityChoice,
  runHint,
  runLabel,
  selectionText,
  type Job,
  type UiEvent,
  type UiState,
} from './ui-state.js';
import { stylizeProgress } from '@nst/testing/stylize-progress';

const styles = ['The Night Café', 'Brick'].map((name) => ({ name, title: name, bytes: new Uint8Array([1]) }));
const job: Job = {
  type: 'job',
  nodeId: '1:2',
  name: 'Card',
  png: new Uint8Array([1]),
  choice: { styleName: 'Brick', strength: 0.5 },
  keptLayers: 2,
  index: 2,
  total: 4,
};
const progress = stylizeProgress({ iteration: 3, iterations: 10, fraction: 0.5 });

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
const select = message({
  type: 'selection',
  nodes: [
    { id: '1', name: 'A', width: 1, height: 1 },
    { id: '2', name: 'B', width: 1, height: 1 },
  ],
});
const nodes = [{ id: '1', name: 'Hero', width: 2048, height: 1536 }];
const selectHero = message({ type: 'selection', nodes });
/** Styles a 1024 × 768 export at 150 iterations (Hero at High) in 3 min. */
const speed = {
  secondsPerPixelIteration: 180 / estimateStyleJobSeconds({ width: 1024, height: 768, iterations: 150 }, { secondsPerPixelIteration: 1 }),
};
const high = { ...DEFAULT_SETTINGS, size: 1024, iterations: 150 };

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
    const { state, effects } = play(
      { type: 'strength', value: '7' },
      { type: 'backend', value: 'webgl' },
      { type: 'quality', value: 'draft' },
    );
    assert.equal(state.settings.strength, DEFAULT_SETTINGS.strength);
    assert.deepEqual([state.settings.size, state.settings.iterations, state.settings.backend], [256, 40, 'webgl']);
    assert.deepEqual(
      effects.filter((e) => (e as { type: string }).type !== 'post'),
      [{ type: 'start-backend', backend: 'webgl' }],
    );
    assert.equal(effects.length, 4, 'three saves and a start');
  });

  test('a run: Style starts it, jobs are styled with the run’s settings, progress spans the jobs, done ends it', () => {
    const started = play(select, { type: 'run' });
    assert.equal(canRun(started.state), false);
    assert.equal(started.state.status.text, 'Exporting…');
    assert.deepEqual(started.effects, [
      { type: 'measure-speed', backend: 'auto' },
      { type: 'begin-run' },
      { type: 'post', message: { type: 'stylize-selection', settings: DEFAULT_SETTINGS } },
    ]);
    const running = play(select, { type: 'run' }, { type: 'strength', value: '0.9' }, message(job), { type: 'progress', job, progress });
    assert.deepEqual(running.effects.at(-1), { type: 'style', job, settings: DEFAULT_SETTINGS });
    assert.equal(running.state.progress, 1.5 / 4);
    assert.equal(running.state.status.text, 'Styling “Card” (2 of 4, 2 text layers kept crisp) · iteration 3 of 10');
    const [done, effects] = nextUiState(
      running.state,
      message({ type: 'done', placed: 1, skipped: [{ name: 'B', reason: 'gone' }], cancelled: false }),
    );
    assert.deepEqual(
      [done.run, done.progress, done.status],
      [undefined, 0, { text: 'Styled 1 of 2 layers. Skipped “B”: gone.', error: false }],
    );
    assert.deepEqual(effects, [{ type: 'end-run' }]);
  });

  test('results, failures and cancel are posted to the main thread', () => {
    const png = new Uint8Array([9]);
    assert.deepEqual(play({ type: 'styled', job, png }).effects, [
      { type: 'post', message: { type: 'result', nodeId: '1:2', index: 2, png } },
    ]);
    const failed = play({ type: 'job-failed', job, message: 'no GPU' });
    assert.deepEqual(failed.state.status, { text: '“Card”: no GPU', error: true });
    assert.deepEqual(failed.effects, [{ type: 'post', message: { type: 'job-failed', nodeId: '1:2', index: 2, message: 'no GPU' } }]);
    assert.deepEqual(play({ type: 'cancel' }).effects, [{ type: 'abort-run' }, { type: 'post', message: { type: 'cancel' } }]);
  });

  test('styles: an upload is checked before it is added and chosen; with variations a click adds or removes a style', () => {
    const bytes = new Uint8Array([2]);
    const { effects } = play({ type: 'upload', fileName: 'paper.png', bytes });
    assert.deepEqual(effects, [
      { type: 'check-upload', style: { name: 'paper', title: 'paper.png — uploaded', bytes }, what: 'file “paper.png”' },
    ]);
    const added = play({ type: 'add-style', style: { name: 'paper', title: 't', bytes } });
    assert.deepEqual([added.state.styles.length, added.state.settings.styleName], [3, 'paper']);
    const varied = play(
      { type: 'toggle', setting: 'variations', on: true },
      { type: 'choose-style', name: 'Brick' },
      { type: 'toggle-strength', strength: 0.25 },
      { type: 'toggle-strength', strength: 0.75 },
      select,
    );
    assert.deepEqual(varied.state.settings.variationStyles, ['The Night Café', 'Brick']);
    assert.equal(runLabel(varied.state), 'Style 8 copies');
    assert.deepEqual(
      play({ type: 'toggle', setting: 'variations', on: true }, { type: 'choose-style', name: 'The Night Café' }).state.settings
        .variationStyles,
      [],
    );
  });

  test('what the view shows: the selection, the Style label and a custom quality', () => {
    assert.equal(selectionText([]), 'Select frames or layers to style.');
    assert.equal(selectionText(['a', 'b', 'c', 'd'].map((name) => ({ id: name, name, width: 1, height: 1 }))), '4 selected: a, b, c, …');
    assert.equal(runLabel(play(select).state), 'Style 2 layers');
    assert.deepEqual(qualityChoice({ ...DEFAULT_SETTINGS, size: 0, iterations: 9 }).value, 'custom');
    assert.equal(qualityChoice({ ...DEFAULT_SETTINGS, size: 0, iterations: 9 }).options.at(-1)?.label, 'Custom · full px, 9 iterations');
  });

  test('the estimate: the speed is measured once, when a long quality is picked or a run starts, and the run says the estimate', () => {
    const picked = play({ type: 'quality', value: 'standard' }, { type: 'quality', value: 'high' }, { type: 'quality', value: 'full' });
    assert.deepEqual(
      picked.effects.filter((e) => (e as { type: string }).type === 'measure-speed'),
      [{ type: 'measure-speed', backend: 'auto' }],
      'once, for High',
    );
    assert.equal(picked.state.speed, 'measuring');
    const known = play(selectHero, { type: 'quality', value: 'high' }, { type: 'speed-measured', backend: 'auto', speed });
    assert.equal(known.state.speed, speed);
    assert.match(runHint(known.state), /^About 3 min on this machine$/);
    assert.equal(
      runHint(play({ type: 'quality', value: 'high' }, { type: 'speed-measured', backend: 'auto', speed }).state),
      '',
      'nothing selected',
    );

    const [running, effects] = nextUiState(known.state, { type: 'run' });
    assert.equal(running.status.text, 'Exporting… · about 3 min on this machine');
    assert.deepEqual(running.run?.jobSeconds, estimateRunJobs(nodes, high, speed));
    assert.equal(runHint(running), '', 'the status line says it during a run');
    assert.deepEqual(
      effects.map((e) => e.type),
      ['begin-run', 'post'],
      'measured already',
    );

    const other = play(
      selectHero,
      { type: 'quality', value: 'high' },
      { type: 'speed-measured', backend: 'auto', speed },
      { type: 'backend', value: 'wasm' },
    );
    assert.equal(other.state.speed, undefined, 'a new backend is measured anew');
    const restored = play(
      { type: 'speed-measured', backend: 'auto', speed },
      message({ type: 'settings', settings: { ...DEFAULT_SETTINGS, backend: 'webgl' } }),
    );
    assert.equal(restored.state.speed, undefined, 'also when the main thread sends another backend');
    assert.equal(
      nextUiState({ ...other.state, speed: 'measuring' }, { type: 'speed-measured', backend: 'auto', speed })[0].speed,
      'measuring',
      'a stale measurement is ignored',
    );
  });

  test('a run started before the speed is known measures it, then says the estimate until the first iteration', () => {
    const started = play(selectHero, { type: 'run' });
    assert.deepEqual(started.effects.slice(0, 2), [{ type: 'measure-speed', backend: 'auto' }, { type: 'begin-run' }]);
    assert.equal(started.state.status.text, 'Exporting…');
    const [measured] = nextUiState(started.state, { type: 'speed-measured', backend: 'auto', speed });
    // Standard: 512 × 384, 80 iterations; its last stage adds conv3_1, High's 1024 px stage conv3_1 and conv4_1 too.
    assert.equal(measured.status.text, 'Exporting… · about 20 s on this machine', 'Standard: 512 × 384, 80 iterations');
    const [failed] = nextUiState(started.state, { type: 'speed-failed', backend: 'auto' });
    assert.deepEqual([failed.speed, failed.status.text], [undefined, 'Exporting…']);
  });

  test('during a run the progress says the time left: the estimate at first, then from the progress', () => {
    const heroJob: Job = { ...job, name: 'Hero', keptLayers: 0, index: 1, total: 1 };
    const running = play(
      selectHero,
      { type: 'quality', value: 'high' },
      { type: 'speed-measured', backend: 'auto', speed },
      { type: 'run' },
      message(heroJob),
    );
    const at = (fraction: number, elapsedMs: number) =>
      nextUiState(running.state, {
        type: 'progress',
        job: heroJob,
        progress: { ...progress, iteration: 1, iterations: 150, fraction, elapsedMs },
      })[0].status.text;
    assert.equal(at(0.001, 500), 'Styling “Hero” (1 of 1) · iteration 1 of 150 · about 3 min left');
    assert.equal(at(0.5, 40_000), 'Styling “Hero” (1 of 1) · iteration 1 of 150 · about 40 s left');
    const unmeasured = play(select, { type: 'run' }, message(job));
    assert.equal(
      nextUiState(unmeasured.state, { type: 'progress', job, progress })[0].status.text,
      'Styling “Card” (2 of 4, 2 text layers kept crisp) · iteration 3 of 10',
      'no estimate, too early to tell',
    );
  });
});
