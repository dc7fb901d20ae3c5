import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import {
  defaultNetwork,
  type FeatureNetwork,
  loadVgg19,
  loadVgg19File,
  readVgg19File,
  type Vgg19Weights,
  WeightFileError,
} from '@nst/core';
import { CliError } from './cli-error.js';
import { withFileSource } from './file-source.js';
import { modelDirectory } from './model-directory.js';

/** What `--network` and `convert-vgg19` take, in the words of their help. */
export const WEIGHT_FILES = 'a VGG-19 weights file (PyTorch .pth, MatConvNet .mat, Caffe .caffemodel, Keras .h5)';

/** Reads `path` as a VGG-19 weights file of any format; a file that is not one is a {@link CliError} naming `role`. */
export async function readWeightsFile(path: string, role: string): Promise<Vgg19Weights> {
  try {
    return await withFileSource(path, (source) => readVgg19File(source, { name: basename(path) }));
  } catch (error) {
    if (error instanceof WeightFileError) throw new CliError(`${role} ${path}: ${error.message}`, 1);
    throw error;
  }
}

/**
 * The network `--network` names: `default` (the embedded one), a folder made by `nst
 * convert-vgg19` (or its model.json), or a VGG-19 weights file used as it is.
 */
export async function networkFromFlag(spec: string): Promise<FeatureNetwork> {
  if (spec === 'default') return defaultNetwork();
  const found = await stat(spec).catch(() => undefined);
  if (found === undefined) {
    throw new CliError(
      `--network ${spec}: no such file or folder. Give default, ${WEIGHT_FILES}, or a folder made by nst convert-vgg19.`,
      1,
    );
  }
  if (found.isDirectory()) return loadVgg19(modelDirectory(spec));
  if (basename(spec) === 'model.json') return loadVgg19(modelDirectory(dirname(spec)));
  try {
    return await withFileSource(spec, (source) => loadVgg19File(source, { name: basename(spec) }));
  } catch (error) {
    if (error instanceof WeightFileError) throw new CliError(`--network ${spec}: ${error.message}`, 1);
    throw error;
  }
}
