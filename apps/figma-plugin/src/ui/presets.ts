import bricks from '../../presets/brick-texture.jpg';
import gravel from '../../presets/gravel-texture.jpg';
import terrace from '../../presets/van-gogh-cafe-terrace-at-night.jpg';
import bridge from '../../presets/van-gogh-langlois-bridge.jpg';
import nightCafe from '../../presets/van-gogh-night-cafe.jpg';

/** A built-in style: a public-domain or CC0 image bundled into ui.html (see presets/SOURCES.md). */
export interface Preset {
  readonly name: string;
  readonly credit: string;
  readonly bytes: Uint8Array;
}

export const PRESETS: readonly Preset[] = [
  { name: 'The Night Café', credit: 'Vincent van Gogh, 1888', bytes: nightCafe },
  { name: 'Café Terrace at Night', credit: 'Vincent van Gogh, 1888', bytes: terrace },
  { name: 'Langlois Bridge', credit: 'Vincent van Gogh, 1888', bytes: bridge },
  { name: 'Bricks', credit: 'texture, CC0', bytes: bricks },
  { name: 'Gravel', credit: 'texture, CC0', bytes: gravel },
];
