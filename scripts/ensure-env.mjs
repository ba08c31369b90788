// Makes a fresh clone runnable: installs npm dependencies when they are missing and finds a
// Chromium for Karma and Playwright. Used by `npm test`, `npm start`, `npm run e2e` and `npm run bench`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Runs `npm ci` when node_modules is missing or older than the lockfile's install. */
export function ensureDependencies() {
  if (existsSync(join(root, 'node_modules', '.package-lock.json')) && existsSync(join(root, 'node_modules', '@angular', 'core'))) return;
  console.log('[setup] installing npm dependencies (npm ci)...');
  execFileSync('npm', ['ci'], { cwd: root, stdio: 'inherit' });
}

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/**
 * Returns the path of a Chromium: CHROME_BIN if set, else a system one, else Debian's package
 * installed with apt-get when we are root and apt is there. Exits with instructions otherwise.
 */
export function ensureChromium() {
  const fromEnv = process.env.CHROME_BIN;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    fail(`CHROME_BIN is set to "${fromEnv}", which does not exist.`);
  }
  const found = CANDIDATES.find((path) => existsSync(path));
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && spawnSync('which', ['apt-get']).status === 0) {
    console.log("[setup] no Chromium found; installing Debian's chromium with apt-get...");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
    if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  }
  fail('No Chromium found. Install one (Debian: apt-get install chromium) or set CHROME_BIN to its path.');
}

function fail(message) {
  console.error(`[setup] ${message}`);
  process.exit(1);
}
