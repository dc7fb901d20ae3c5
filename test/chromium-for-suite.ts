import { after, before } from 'node:test';
import type { BrowserContext } from 'playwright-core';
import { launchChromium } from './browser.js';

/**
 * One Chromium ({@link launchChromium}) for the tests of the `describe` this is called in:
 * launched before them, closed after; `context` is its browser context.
 */
export function chromiumForSuite(): { readonly context: BrowserContext } {
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });
  return {
    get context(): BrowserContext {
      if (browser === undefined) throw new Error("Chromium starts before the suite's tests run, not while they are declared");
      return browser.context;
    },
  };
}
