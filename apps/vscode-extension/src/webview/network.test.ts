import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { initBackend } from '@nst/core';
import { isModelJsonUrl, networkFor } from './network.js';

const FIXTURES = fileURLToPath(new URL('../../../../packages/core/fixtures/vgg19/', import.meta.url));

describe('networkFor', () => {
  test('tells a model.json from a weights file by the URL', () => {
    assert.equal(isModelJsonUrl('https://file+.vscode-resource.vscode-cdn.net/models/vgg19/model.json'), true);
    assert.equal(isModelJsonUrl('https://file+.vscode-resource.vscode-cdn.net/models/model.json?v=2'), true);
    assert.equal(isModelJsonUrl('https://file+.vscode-resource.vscode-cdn.net/models/imagenet-vgg-verydeep-19.mat'), false);
  });

  test('loads a weights file the page fetches (here from a local server), and names a bad one', async () => {
    await initBackend({ backend: 'cpu' });
    const files: Record<string, Buffer> = {
      '/imagenet-vgg-verydeep-19.mat': await readFile(`${FIXTURES}vgg19-tiny.mat`),
      '/vgg19.pth': await readFile(`${FIXTURES}vgg19-tiny-legacy.pth`),
    };
    const server = createServer((request, response) => {
      const body = files[request.url ?? ''];
      response.writeHead(body === undefined ? 404 : 200).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const net = await networkFor(`${base}/imagenet-vgg-verydeep-19.mat`);
      assert.equal(net.name, 'vgg19');
      assert.equal(net.contentLayer, 'conv4_2');
      net.dispose();
      await assert.rejects(
        networkFor(`${base}/vgg19.pth`),
        /nst\.vgg19ModelPath could not be loaded \(This PyTorch checkpoint is in the legacy format/,
      );
      await assert.rejects(networkFor(`${base}/missing.h5`), /HTTP 404/);
    } finally {
      server.close();
    }
  });
});
