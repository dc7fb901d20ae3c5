import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { serveFromMemory, type FetchScope } from './memory-fetch.js';

describe('serveFromMemory', () => {
  test('a fetch of a file in memory is answered with its bytes and type, without a request; others go out as before', async () => {
    const requests: string[] = [];
    const scope: FetchScope = {
      fetch: async (input) => {
        requests.push(String(input));
        return new Response('from the network');
      },
    };
    const bytes = new Uint8Array([0, 97, 115, 109]);
    const restore = serveFromMemory(new Map([['blob:null/1234', { bytes, type: 'application/wasm' }]]), scope);
    const answer = await scope.fetch('blob:null/1234', { credentials: 'same-origin' });
    assert.equal(answer.headers.get('content-type'), 'application/wasm');
    assert.deepEqual(new Uint8Array(await answer.arrayBuffer()), bytes);
    assert.equal(await (await scope.fetch(new URL('https://example.invalid/x'))).text(), 'from the network');
    assert.deepEqual(requests, ['https://example.invalid/x']);
    restore();
    await scope.fetch('blob:null/1234');
    assert.deepEqual(requests, ['https://example.invalid/x', 'blob:null/1234'], 'restored');
  });
});
