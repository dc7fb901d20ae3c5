/**
 * What the Style Preview and Compare Styles pages show, read from the page (a test page, or the
 * webview frame inside a real VS Code), and checked the way a user would look at it.
 */
import assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';

/**
 * Asserts the style fingerprint is drawn: one heatmap per style layer of the embedded network,
 * each showing structure (many colours), and a palette of `swatches` dominant colours.
 */
export async function assertFingerprintDrawn(page: Page | Frame, swatches = 6): Promise<void> {
  await page.locator('.heatmap').nth(1).waitFor({ timeout: 60_000 });
  const heatmaps = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLCanvasElement>('.heatmap')].map((c) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      return {
        layer: c.dataset['layer'],
        size: c.width,
        colours: new Set(Array.from({ length: d.length / 4 }, (_, i) => d[i * 4]! * 65536 + d[i * 4 + 1]! * 256 + d[i * 4 + 2]!)).size,
      };
    }),
  );
  assert.deepEqual(
    heatmaps.map((h) => [h.layer, h.size]),
    [
      ['conv1_1', 32],
      ['conv2_1', 64],
    ],
  );
  for (const h of heatmaps) assert.ok(h.colours > 20, `${h.layer} heatmap shows structure (${h.colours} colours)`);
  assert.equal(await page.locator('.swatch').count(), swatches);
}

/** Reads the Compare Styles table: the distances, row by row, and each row's closest style. */
export async function readDistances(page: Page | Frame): Promise<{ values: number[][]; nearest: string[] }> {
  return page.evaluate(() => {
    const rows = [...document.querySelectorAll('#distances tbody tr')];
    return {
      values: rows.map((row) => [...row.querySelectorAll('td[data-value]')].map((td) => Number(td.getAttribute('data-value')))),
      nearest: rows.map((row) => row.querySelector('td.nearest')?.textContent ?? ''),
    };
  });
}

/** Asserts a table of style distances for `n` images: symmetric, 0 on the diagonal, positive elsewhere. */
export function assertDistanceTable(values: readonly (readonly number[])[], n: number): void {
  assert.equal(values.length, n);
  for (let i = 0; i < n; i++) {
    assert.equal(values[i]!.length, n);
    for (let j = 0; j < n; j++) {
      assert.equal(values[i]![j], values[j]![i]);
      if (i === j) assert.equal(values[i]![j], 0);
      else assert.ok(values[i]![j]! > 0, `distance ${i}–${j} is positive`);
    }
  }
}
