/**
 * Many photos, one set-up. Each {@link stylize} starts its own workers and computes its styles'
 * Grams at every stage's size; a batch of photos would pay for both per photo, and a photo too
 * small to tile would leave all workers but one idle. A stylizer keeps one pool and one cache of
 * style targets for all the photos it styles, and runs several photos at once on that pool: a
 * photo takes one of its `workers` slots, or all of them when its last stage has
 * {@link LARGE_PHOTO_TILES} tiles or more (over about 1000 px with tiles of 256). Most of a
 * smaller photo's iterations are at sizes of one tile, which one worker runs, so such photos
 * spread over the workers side by side; a large one runs alone, its tiles spread instead, and
 * memory holds one large photo at a time.
 */
import * as tf from '@tensorflow/tfjs';
import { CancelledError, NstError } from '../errors.js';
import { type RgbaImage, rgbTensor } from '../image/rgba-image.js';
import { createStageObjectives, type StageObjectives } from './stage-objectives.js';
import { LARGE_PHOTO_TILES } from '../tiling/tile-size.js';
import { defaultNetwork, stylizeSchedule, stylizeWith } from './stylize.js';
import { resolveStylizeOptions, type StylizeOptions } from './stylize-options.js';
import { WorkSlots } from './work-slots.js';

/** What a {@link Stylizer} fixes for all its photos. */
export type StylizerOptions = Pick<StylizeOptions, 'network' | 'tileSize' | 'workers'>;

/** The options of one photo of a {@link Stylizer}: {@link StylizeOptions} but those the stylizer fixes. */
export type BatchStylizeOptions = Omit<StylizeOptions, keyof StylizerOptions>;

/** Styles many photos on one pool of workers, computing each style's targets once per size. */
export interface Stylizer {
  /** {@link stylize} of one photo; calls may overlap (they wait for a free worker). */
  stylize(options: BatchStylizeOptions): Promise<RgbaImage>;
  /** Ends the workers and frees the styles; photos still running fail. */
  dispose(): Promise<void>;
}

/**
 * A {@link Stylizer} with `network` (default: the embedded one), `workers` threads (default 1)
 * and tiles of `tileSize`. Photos styled by it give the results {@link stylize} gives, to float
 * rounding (tiles are exact).
 */
export function createStylizer({ network = defaultNetwork(), tileSize, workers }: StylizerOptions = {}): Stylizer {
  const fixed = { network, ...(tileSize === undefined ? {} : { tileSize }), ...(workers === undefined ? {} : { workers }) };
  const styleTensors = new Map<RgbaImage, tf.Tensor4D>();
  let objectives: StageObjectives | undefined;
  let slots: WorkSlots | undefined;
  let disposed = false;
  return {
    async stylize(options) {
      if (disposed) throw new NstError('stylize: this stylizer was disposed (its workers ended); make another with createStylizer().');
      const all: StylizeOptions = { ...options, ...fixed };
      const settings = resolveStylizeOptions(all, network);
      objectives ??= createStageObjectives(network, { tileSize: settings.tileSize, workers: settings.workers, batch: true });
      slots ??= new WorkSlots(settings.workers);
      const last = stylizeSchedule(all).at(-1)!;
      const large = objectives.tileCount(settings, last) >= LARGE_PHOTO_TILES;
      const release = await slots.take(large ? slots.size : 1, options.signal);
      if (release === undefined) throw new CancelledError();
      try {
        const styles = settings.styles.map(({ image }) => {
          let tensor = styleTensors.get(image);
          if (tensor === undefined) styleTensors.set(image, (tensor = rgbTensor(image)));
          return tensor;
        });
        return await stylizeWith(options, settings, { objectives, styles });
      } finally {
        release();
      }
    },
    async dispose() {
      disposed = true;
      tf.dispose([...styleTensors.values()]);
      styleTensors.clear();
      await objectives?.dispose();
    },
  };
}
