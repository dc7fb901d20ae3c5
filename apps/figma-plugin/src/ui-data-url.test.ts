import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkUiDataUrl, longestEncoding, MAX_URL_CHARS, uiDataUrl, uiDataUrlLengths, UiTooLongError } from './ui-data-url.js';

const BASE64_PREFIX = 'data:text/html;charset=utf-8;base64,';

describe('uiDataUrl', () => {
  test('base64 of the UTF-8 bytes, or percent-encoded as encodeURIComponent does; both decode to the page', () => {
    const html = '<p title="a&b">50% café #1</p>\n';
    const base64 = uiDataUrl(html, 'base64');
    assert.ok(base64.startsWith(BASE64_PREFIX));
    assert.equal(Buffer.from(base64.slice(BASE64_PREFIX.length), 'base64').toString('utf8'), html);
    const percent = uiDataUrl(html, 'percent');
    assert.equal(percent, `data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    assert.match(percent, /%25%20caf%C3%A9%20%231/, '%, space, é and # are escaped');
    assert.equal(decodeURIComponent(percent.slice(percent.indexOf(',') + 1)), html);
  });

  test('the lengths: base64 4 characters per 3 bytes, percent-encoding 3 per byte of punctuation', () => {
    const lengths = uiDataUrlLengths('a'.repeat(300) + '<'.repeat(30));
    assert.deepEqual(lengths, { base64: BASE64_PREFIX.length + 440, percent: 'data:text/html;charset=utf-8,'.length + 300 + 90 });
    assert.equal(longestEncoding('a'.repeat(300)), 'base64');
    assert.equal(longestEncoding('<'.repeat(300)), 'percent', 'markup and script punctuation cost 3 characters each');
  });
});

describe('checkUiDataUrl', () => {
  // A page whose base64 data: URL is exactly the limit: (limit - prefix) / 4 × 3 bytes.
  const atLimit = 'a'.repeat(((MAX_URL_CHARS - BASE64_PREFIX.length) / 4) * 3);

  test("Chromium's limit is 2 MiB, and a URL of exactly that length passes", () => {
    assert.equal(MAX_URL_CHARS, 2_097_152);
    assert.deepEqual(checkUiDataUrl(atLimit), uiDataUrlLengths(atLimit));
    assert.equal(checkUiDataUrl(atLimit).base64, MAX_URL_CHARS);
  });

  test('one byte more and it throws, saying in which encoding and how long', () => {
    assert.throws(
      () => checkUiDataUrl(`${atLimit}a`),
      (error: unknown) =>
        error instanceof UiTooLongError &&
        /2,097,156 characters base64-encoded, over Chromium's limit of 2,097,152/.test(error.message) &&
        !/percent-encoded/.test(error.message),
    );
    assert.throws(() => checkUiDataUrl('<'.repeat(800_000)), /2,400,029 characters percent-encoded/);
  });
});
