/**
 * How long a style job will take on this machine, before it runs: @nst/core's
 * `estimateStylizeSeconds` on the very options {@link runStyleJob} would pass, for an image of the
 * job's size. Only sizes matter to the estimate, so no pixels are made for it.
 */
import { estimateStylizeSeconds, type RgbaImage, type StylizeSpeed } from '@nst/core';
import { stylizeOptionsFor, type StyleJobSettings } from './style-job.js';

/** What an estimate needs of a job: the content's size, and the settings that set the work. */
export interface StyleJobSize extends Pick<StyleJobSettings, 'network' | 'maxSize' | 'iterations'> {
  readonly width: number;
  readonly height: number;
}

/**
 * An image of `width × height` whose pixels are never made: its `data` is an empty array that
 * says it is `width · height · 4` long. `stylizeSchedule` checks the length and reads only the size.
 */
function sizedImage(width: number, height: number): RgbaImage {
  const length = width * height * 4;
  const data = new Proxy(new Uint8ClampedArray(0), { get: (target, key) => (key === 'length' ? length : Reflect.get(target, key)) });
  return { width, height, data };
}

/** Seconds a job of `job`'s size and settings should take at `speed` (measured by `StyleRunner.measureSpeed`). */
export function estimateStyleJobSeconds(job: StyleJobSize, speed: StylizeSpeed): number {
  const { width, height, network, maxSize, iterations } = job;
  const settings: StyleJobSettings = {
    content: sizedImage(width, height),
    style: sizedImage(1, 1),
    ...(network !== undefined ? { network } : {}),
    ...(maxSize !== undefined ? { maxSize } : {}),
    iterations,
    strength: 0.5,
    preserveColors: false,
    backend: 'auto',
  };
  return estimateStylizeSeconds(stylizeOptionsFor(settings), speed);
}
