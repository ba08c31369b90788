// Headless Chromium for the benchmark, driven by playwright-core (no downloaded browser).
import { chromium } from 'playwright-core';
import CHROMIUM_FLAGS from '../../chromium-flags.cjs';

const FLAGS = [
  ...CHROMIUM_FLAGS,
  // The real-client scenario talks to the local provider's run-time certificate.
  '--ignore-certificate-errors',
  // Lets the page collect garbage between timed rounds, so one round's garbage is not billed to
  // the next variant.
  '--js-flags=--expose-gc',
];

/** Launches Chromium and opens `url`; resolves to `{ browser, page, version }`. */
export async function openBenchPage(executablePath, url) {
  const browser = await chromium.launch({ executablePath, args: FLAGS, timeout: 60_000 });
  try {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error('[page error]', error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        console.error(`[page ${message.type()}]`, message.text().slice(0, 500));
    });
    await page.goto(url);
    await page.waitForFunction(() => document.title.endsWith('ready'), undefined, { timeout: 30_000 });
    return { browser, page, version: browser.version() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
