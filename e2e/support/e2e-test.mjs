// `e2eTest(name, fn)`: a node:test test that runs in the shared environment (started by the first
// test, stopped by the suite's `after`), with its own browser contexts, which it closes afterwards.
// When a test fails, every page it opened (popups included) is saved to e2e/screenshots/, and the
// pages' console errors are printed.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startEnvironment } from './environment.mjs';

const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');
const TEST_TIMEOUT_MS = 90_000;

let environment = null;

/** The shared environment, started on first use. */
export function sharedEnvironment() {
  environment ??= startEnvironment({ chromiumPath: process.env.CHROME_BIN || '/usr/bin/chromium' });
  return environment;
}

/** Stops the shared environment if a test started it. */
export async function stopSharedEnvironment() {
  const started = await environment?.catch(() => null);
  await started?.stop();
}

/**
 * Registers a test. `fn` receives `{ env, open(query) }`; `open` gives a fresh context with the
 * demo loaded (`query` like `'?variant=module'`) and resolves to `{ context, page }`.
 * The API's request record is emptied before each test. `retries` (default 0) re-runs a failed
 * test from a fresh context that many times, saying so in the output: only for tests whose
 * outcome depends on timing between two tabs, never to hide a behaviour that fails.
 */
export function e2eTest(name, fn, { retries = 0 } = {}) {
  test(name, { timeout: TEST_TIMEOUT_MS * (retries + 1) }, async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await runOnce(name, fn);
      } catch (error) {
        if (attempt >= retries) throw error;
        console.error(
          `[e2e] "${name}" failed on attempt ${attempt + 1}; retrying once from a fresh context: ${error.message.split('\n')[0]}`,
        );
      }
    }
  });
}

async function runOnce(name, fn) {
  {
    const env = await sharedEnvironment();
    await env.resetApi();
    const contexts = [];
    const consoleErrors = [];
    const open = async (query) => {
      const opened = await env.newPage(query);
      contexts.push(opened.context);
      opened.context.on('page', (page) => watchConsole(page, consoleErrors));
      watchConsole(opened.page, consoleErrors);
      return opened;
    };
    try {
      await fn({ env, open });
    } catch (error) {
      await saveScreenshots(name, contexts);
      if (consoleErrors.length) console.error(`[e2e] browser console errors in "${name}":\n  ${consoleErrors.slice(-20).join('\n  ')}`);
      throw error;
    } finally {
      await Promise.all(contexts.map((context) => context.close().catch(() => undefined)));
    }
  }
}

function watchConsole(page, sink) {
  page.on('pageerror', (error) => sink.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') sink.push(`${message.text()} (${page.url().slice(0, 80)})`);
  });
}

async function saveScreenshots(name, contexts) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  const pages = contexts.flatMap((context) => context.pages());
  for (const [index, page] of pages.entries()) {
    const path = join(SCREENSHOTS, `${slug}${pages.length > 1 ? `-${index + 1}` : ''}.png`);
    await page.screenshot({ path, fullPage: true, timeout: 5_000 }).then(
      () => console.error(`[e2e] screenshot: ${path}`),
      () => undefined,
    );
  }
}
