import * as tf from '@tensorflow/tfjs';

const IMAGENET_MEAN = [0.485, 0.456, 0.406];
const IMAGENET_STD = [0.229, 0.224, 0.225];
/** ImageNet's mean pixel on the 0…255 scale, R, G, B: what Caffe's and MatConvNet's VGG subtract. */
export const IMAGENET_RGB_MEAN_255: readonly number[] = [123.68, 116.779, 103.939];
const CAFFE_BGR_MEAN = [...IMAGENET_RGB_MEAN_255].reverse();

/** RGB in [0, 1] standardised by ImageNet's per-channel mean and std (torchvision's convention). */
export const imagenetPreprocess = (rgb: tf.Tensor4D): tf.Tensor4D =>
  tf.tidy(() => tf.div(tf.sub(rgb, IMAGENET_MEAN), IMAGENET_STD) as tf.Tensor4D);

/** Keras's "caffe" preprocessing of VGG: BGR, 0…255, ImageNet mean subtracted. */
export const caffePreprocess = (rgb: tf.Tensor4D): tf.Tensor4D =>
  tf.tidy(() => tf.sub(tf.mul(tf.reverse(rgb, 3), 255), CAFFE_BGR_MEAN) as tf.Tensor4D);

/** MatConvNet's VGG input (the course's exercise): RGB, 0…255, minus the network's mean pixel `mean` (R, G, B). */
export const rgb255Preprocess =
  (mean: readonly number[] = IMAGENET_RGB_MEAN_255) =>
  (rgb: tf.Tensor4D): tf.Tensor4D =>
    tf.tidy(() => tf.sub(tf.mul(rgb, 255), [...mean]) as tf.Tensor4D);
