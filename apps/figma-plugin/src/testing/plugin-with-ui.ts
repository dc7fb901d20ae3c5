/**
 * The main thread started on a fake Figma with a stand-in UI: what the plugin's main-thread tests
 * share. The stand-in answers every job after a tick, as the real UI answers after styling.
 */
import assert from 'node:assert/strict';
import { encodePng, imageSize } from '@nst/testing/png';
import { startPlugin } from '../main/start-plugin.js';
import type { MainToUi, UiToMain } from '../protocol.js';
import { FakeFigma } from './fake-figma.js';

/** A styling job the main thread sends the UI. */
export type Job = Extract<MainToUi, { type: 'job' }>;

/** A PNG of the job's size in one colour: what a UI would send back. */
export function styledPng(job: Job, rgb: readonly [number, number, number] = [10, 200, 90]): Uint8Array {
  const size = imageSize(job.png);
  assert.ok(size !== undefined, 'the job carries a PNG');
  const data = new Uint8Array(size.width * size.height * 4);
  for (let i = 0; i < data.length; i += 4) data.set([...rgb, 255], i);
  return encodePng(size.width, size.height, data);
}

/** A plugin with a UI that answers every job with `answer` (default: a styled PNG), after a tick. */
export function startWithUi(
  answer: (job: Job, figma: FakeFigma) => UiToMain | undefined = (job) => ({
    type: 'result',
    nodeId: job.nodeId,
    index: job.index,
    png: styledPng(job),
  }),
): FakeFigma {
  const figma = new FakeFigma();
  startPlugin(figma);
  figma.ui.listen((message) => {
    if (message.type !== 'job') return;
    setTimeout(() => {
      const reply = answer(message, figma);
      if (reply !== undefined && !figma.closed) figma.ui.fromUi(reply);
    }, 1);
  });
  return figma;
}
