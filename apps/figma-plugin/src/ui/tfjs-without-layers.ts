/**
 * What `@tensorflow/tfjs` is inside ui.html (build.ts aliases it here): the same package less
 * tfjs-layers, tfjs-converter and tfjs-data, which nothing in the panel uses (@nst/core runs on
 * tfjs-core's ops, gradients and `tf.io`) and which are 450 kB of ui.html. The registrations are
 * those of tfjs's own index.
 */
import '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';

export * from '@tensorflow/tfjs-core';
export * from '@tensorflow/tfjs-backend-cpu';
export * from '@tensorflow/tfjs-backend-webgl';
