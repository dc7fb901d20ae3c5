import * as tf from '@tensorflow/tfjs';

const IMAGENET_MEAN = [0.485, 0.456, 0.406];
const IMAGENET_STD = [0.229, 0.224, 0.225];
const CAFFE_BGR_MEAN = [103.939, 116.779, 123.68];

/** RGB in [0, 1] standardised by ImageNet's per-channel mean and std (torchvision's convention). */
export const imagenetPreprocess = (rgb: tf.Tensor4D): tf.Tensor4D =>
  tf.tidy(() => tf.div(tf.sub(rgb, IMAGENET_MEAN), IMAGENET_STD) as tf.Tensor4D);

/** Keras's "caffe" preprocessing of VGG: BGR, 0…255, ImageNet mean subtracted. */
export const caffePreprocess = (rgb: tf.Tensor4D): tf.Tensor4D =>
  tf.tidy(() => tf.sub(tf.mul(tf.reverse(rgb, 3), 255), CAFFE_BGR_MEAN) as tf.Tensor4D);
