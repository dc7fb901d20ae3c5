import { defaultNetwork, loadVgg19, messageOf, type FeatureNetwork } from '@nst/core';

let vgg: { url: string; network: Promise<FeatureNetwork> } | undefined;

/** The embedded network, or the VGG-19 model at `modelUrl` (loaded once per page). */
export function networkFor(modelUrl: string | undefined): Promise<FeatureNetwork> {
  if (modelUrl === undefined) return Promise.resolve(defaultNetwork());
  if (vgg?.url !== modelUrl) {
    vgg = {
      url: modelUrl,
      network: loadVgg19(modelUrl).catch((error: unknown) => {
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
