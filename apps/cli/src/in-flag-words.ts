import { InvalidImageError, InvalidOptionError, NonFiniteCostError } from '@nst/core';
import { CliError } from './cli-error.js';
import type { StylizeArgs } from './stylize-args.js';

/** Each of stylize()'s options that `nst stylize` sets, and the flag that sets it. */
const FLAGS: Readonly<Record<string, string>> = {
  maxSize: '--size',
  iterations: '--iterations',
  optimizer: '--optimizer',
  contentWeight: '--content-weight',
  styleWeight: '--style-weight',
  tvWeight: '--tv-weight',
  styleScale: '--style-scale',
  styleLayers: '--style-layers',
  contentLayer: '--content-layer',
  init: '--init',
  seed: '--seed',
  tileSize: '--tile-size',
  workers: '--workers',
};

/** The weight flags given on the command line, as `--style-weight 1e+308`. */
function givenWeights(args: StylizeArgs): string[] {
  const weights: [string, number | undefined][] = [
    ['--content-weight', args.contentWeight],
    ['--style-weight', args.styleWeight],
    ['--tv-weight', args.tvWeight],
  ];
  return weights.flatMap(([flag, value]) => (value === undefined ? [] : [`${flag} ${value}`]));
}

/**
 * `error` as the user of `nst stylize` can act on it: an @nst/core option error names the flag
 * that set the option (a usage mistake, exit code 2), a cost that overflowed names the weight
 * flags given, not a learningRate the command has no flag for, and an image refused by stylize
 * names its file (`photo`). Anything else is returned as is.
 */
export function inFlagWords(error: unknown, args: StylizeArgs, photo?: string): unknown {
  if (error instanceof InvalidImageError && photo !== undefined) return new CliError(`${photo}: ${error.message}`);
  if (error instanceof InvalidOptionError && error.option !== undefined) {
    const flag = FLAGS[error.option] ?? (error.option.startsWith('styles[') ? '--style' : undefined);
    if (flag === undefined) return error;
    const expected = /; (expected .*)$/.exec(error.message)?.[1] ?? error.message;
    return new CliError(`${flag} ${String(error.value)}: ${expected}`, 2);
  }
  if (error instanceof NonFiniteCostError) {
    const given = givenWeights(args);
    const cause = given.length > 0 ? `${given.join(', ')}: too large for the arithmetic` : 'the weights are too large for the arithmetic';
    return new CliError(
      `the cost became ${error.loss} at iteration ${error.iteration}; ${cause}. Try weights from 0.01 to 100.`,
      given.length > 0 ? 2 : 1,
    );
  }
  return error;
}
