import { startPlugin } from '@nst/figma-plugin/start-plugin';
import { FakeFigma } from '@nst/figma-plugin/testing';
import { addHero } from './figma-canvas.js';

/**
 * The scene the Figma README's pictures start from: the plugin started on a fake Figma, a 360×225
 * hero section with `photo` as its background selected, and the settings a designer would pick
 * (The Night Café at strength 0.6, placed beside, on wasm, text kept crisp) at `size` px and
 * `iterations`.
 */
export async function heroScene(photo: string, run: { readonly size: number; readonly iterations: number }) {
  const figma = new FakeFigma();
  startPlugin(figma);
  const hero = await addHero(figma, photo, { width: 360, height: 225 }, [255, 255, 255]);
  figma.select(hero.frame);
  await figma.clientStorage.setAsync('settings', {
    styleName: 'The Night Café',
    strength: 0.6,
    ...run,
    preserveColors: false,
    placement: 'beside',
    backend: 'wasm',
    keepText: true,
  });
  return { figma, hero };
}
