/**
 * The tile size a stylize uses when none is given, which depends on the engine: its own module, so
 * that the options (which resolve it) and the stage objectives (which use it) import it without
 * importing each other.
 */
import { nativeEngine } from '../backend/native-engine.js';

/** Images whose longest side is over this many pixels are evaluated in tiles of this size by default. */
export const DEFAULT_TILE_SIZE = 256;

/**
 * The default tile on the native engine: its activations live on the native heap, not in a wasm
 * heap that keeps its high-water mark, and a stage of one tile runs both passes as one, so
 * larger tiles pay: every stage up to 1024 px in one pass (a 1024 px stylize: 31 s with tiles of
 * 1024, 42 s with 512, peak RSS 2.4 and 1.8 GB).
 */
export const NATIVE_TILE_SIZE = 1024;

/** The tile size when none is given: {@link NATIVE_TILE_SIZE} on the native engine, else {@link DEFAULT_TILE_SIZE}. */
export function defaultTileSize(): number {
  return nativeEngine() === undefined ? DEFAULT_TILE_SIZE : NATIVE_TILE_SIZE;
}

/**
 * A photo is large when its last stage has this many tiles or more (over about 1000 px with tiles
 * of 256). On a CPU backend every stage of a large photo is evaluated in tiles (see
 * optimize/stage-objectives.ts), and in a batch a large photo takes every worker at once (see `createStylizer`).
 */
export const LARGE_PHOTO_TILES = 16;
