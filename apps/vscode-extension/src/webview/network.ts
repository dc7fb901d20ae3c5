import { blobSource, defaultNetwork, loadVgg19, loadVgg19File, messageOf, type FeatureNetwork } from '@nst/core';

let vgg: { url: string; network: Promise<FeatureNetwork> } | undefined;

/** A folder's `model.json` (TF.js weights made by `nst convert-vgg19`), or else a weights file of any format. */
export const isModelJsonUrl = (url: string): boolean => /\/model\.json([?#].*)?$/.test(url);

/** The VGG-19 at `url`: through tfjs for a model.json, else the file fetched whole as a Blob and read by its content. */
async function loadModel(url: string): Promise<FeatureNetwork> {
  if (isModelJsonUrl(url)) return loadVgg19(url);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`the file cannot be read (HTTP ${response.status})`);
  const name = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
  return loadVgg19File(blobSource(await response.blob()), { name });
}

/** The embedded network, or the VGG-19 model at `modelUrl` (loaded once per page). */
export function networkFor(modelUrl: string | undefined): Promise<FeatureNetwork> {
  if (modelUrl === undefined) return Promise.resolve(defaultNetwork());
  if (vgg?.url !== modelUrl) {
    vgg = {
      url: modelUrl,
      network: loadModel(modelUrl).catch((error: unknown) => {
        vgg = undefined;
        throw new Error(
          `The VGG-19 model in nst.vgg19ModelPath could not be loaded (${messageOf(error)}); ` +
            'fix the path or clear it to use the embedded network.',
        );
      }),
    };
  }
  return vgg.network;
}
