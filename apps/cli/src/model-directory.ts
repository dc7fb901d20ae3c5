import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidModelError, type tf } from '@nst/core';
import { CliError } from './cli-error.js';

interface ModelJson {
  readonly userDefinedMetadata?: Record<string, object>;
  readonly weightsManifest?: readonly { readonly paths: readonly string[]; readonly weights: readonly tf.io.WeightsManifestEntry[] }[];
}

/**
 * A tfjs IOHandler that reads `dir/model.json`, its weight shards and its `userDefinedMetadata` from disk: what `tf.io.http`
 * is in a browser, for Node, where tfjs has no file loader without tfjs-node.
 */
export function modelDirectory(dir: string): tf.io.IOHandler {
  return {
    load: async () => {
      if ((await stat(dir).catch(() => undefined))?.isDirectory() !== true) throw new CliError(`${dir}: no such model directory.`);
      const text = await readFile(join(dir, 'model.json'), 'utf8').catch(() => {
        throw new InvalidModelError(`${dir} has no model.json; it is not a model made by \`nst convert-vgg19\`.`);
      });
      let json: ModelJson;
      try {
        json = JSON.parse(text) as ModelJson;
      } catch {
        throw new InvalidModelError(`${join(dir, 'model.json')} is not valid JSON.`);
      }
      if (!Array.isArray(json.weightsManifest)) throw new InvalidModelError(`${join(dir, 'model.json')} has no weightsManifest.`);
      const weightSpecs = json.weightsManifest.flatMap((group) => group.weights);
      const shards = await Promise.all(
        json.weightsManifest
          .flatMap((group) => group.paths)
          .map((path) =>
            readFile(join(dir, path)).catch(() => {
              throw new InvalidModelError(`${dir}: the weight shard '${path}' named in model.json is missing.`);
            }),
          ),
      );
      const all = Buffer.concat(shards);
      const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.length);
      // The metadata says what input the weights expect (nst convert-vgg19 writes it as nstInput).
      return {
        weightSpecs,
        weightData,
        ...(json.userDefinedMetadata !== undefined ? { userDefinedMetadata: json.userDefinedMetadata } : {}),
      };
    },
  };
}
