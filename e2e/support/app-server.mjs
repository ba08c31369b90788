// Serves the built demo (dist/demo/browser) for the end-to-end tests: faster and steadier than the
// dev server, and `demo-config.json` comes from memory, so the tests can use spare ports.
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { listenOnLoopback } from '../servers/loopback.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/**
 * Starts a static server for `dir` on `http://localhost:<port>` (0 = a spare port). `settings()`
 * is called for each `GET /demo-config.json`. Unknown paths without an extension get index.html,
 * as a single-page app expects.
 *
 * @example
 * const app = await startAppServer({ dir: DEMO_BROWSER_DIR, settings: () => ({ apiUrl }) });
 * console.log(app.origin); await app.stop();
 */
export async function startAppServer({ dir, port = 0, settings }) {
  const base = normalize(dir + sep);

  async function handle(req, res) {
    const { pathname } = new URL(req.url, 'http://placeholder');
    if (pathname === '/demo-config.json') return send(res, 200, '.json', JSON.stringify(settings()));
    const file = normalize(join(base, decodeURIComponent(pathname)));
    if (!file.startsWith(base)) return send(res, 403, '.html', 'forbidden');
    const body = await readFile(pathname.endsWith('/') ? join(file, 'index.html') : file).catch(() => null);
    if (body) return send(res, 200, extname(file) || '.html', body);
    if (extname(pathname)) return send(res, 404, '.html', 'not found');
    return send(res, 200, '.html', await readFile(join(base, 'index.html')));
  }

  const listener = await listenOnLoopback({
    port,
    handler: (req, res) =>
      handle(req, res).catch((error) => {
        if (!res.headersSent) res.writeHead(500);
        res.end(String(error));
      }),
  });
  return { origin: `http://localhost:${listener.port}`, port: listener.port, stop: () => listener.close() };
}

function send(res, status, extension, body) {
  res.writeHead(status, { 'content-type': TYPES[extension] ?? 'application/octet-stream', 'cache-control': 'no-store' });
  res.end(body);
}
