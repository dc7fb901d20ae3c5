/** "Use selected image": the image fill of a selected layer, sent to the UI as a style. */
import type { PluginSession } from './plugin-session.js';
import { selectedImage } from './selected-image.js';

/** Posts the bytes of the first selected layer's image fill as a style image, or says there is none. */
export async function sendSelectedImage(session: PluginSession): Promise<void> {
  const { figma } = session;
  const found = selectedImage(figma.currentPage.selection);
  if (found === undefined) {
    session.tell('Select a layer with an image fill to use it as the style.', true);
    return;
  }
  const bytes = await figma.getImageByHash(found.imageHash)?.getBytesAsync();
  if (session.closed) return;
  if (bytes === undefined) {
    session.tell(`The image of “${found.node.name}” could not be read; try another layer.`, true);
    return;
  }
  session.post({ type: 'style-image', name: found.node.name, bytes });
}
