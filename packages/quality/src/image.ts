/**
 * An 8-bit RGBA image, row-major, straight alpha: `data[4 * (y * width + x) + c]`. The metrics
 * ignore alpha.
 */
export interface Image {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array | Uint8ClampedArray;
}
