// Node's global fetch cannot be given a CA at run time (NODE_EXTRA_CA_CERTS is read only at start-up,
// before the certificates exist), so the API's JWKS client and the self-test use this instead.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isLoopbackUrl } from './loopback.mjs';

const TIMEOUT_MS = 10_000;
const MAX_BODY_BYTES = 1_000_000;

/**
 * Returns a `fetch`-compatible function that trusts `ca` (PEM) for https, only talks to loopback
 * hosts, never follows redirects (a 3xx comes back as is, like `redirect: 'manual'` in Node) and
 * gives up after 10 s.
 *
 * @example
 * const fetchLocal = createLoopbackFetch({ ca: readFileSync(caCertPath) });
 * const discovery = await (await fetchLocal(`${issuer}/.well-known/openid-configuration`)).json();
 */
export function createLoopbackFetch({ ca }) {
  return function loopbackFetch(input, init = {}) {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (!isLoopbackUrl(url)) return Promise.reject(new Error(`refusing non-loopback URL ${url.href}`));
    const headers = new Headers(init.headers);
    const body = init.body === undefined || init.body === null ? undefined : String(init.body);
    if (body !== undefined && !headers.has('content-type')) headers.set('content-type', 'text/plain;charset=UTF-8');
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const signal = init.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(TIMEOUT_MS)]) : AbortSignal.timeout(TIMEOUT_MS);

    return new Promise((resolve, reject) => {
      const req = request(url, { method: init.method ?? 'GET', headers: Object.fromEntries(headers), ca, signal }, (res) => {
        const chunks = [];
        let size = 0;
        res.on('data', (chunk) => {
          size += chunk.length;
          if (size > MAX_BODY_BYTES) req.destroy(new Error(`response from ${url.href} exceeds ${MAX_BODY_BYTES} bytes`));
          else chunks.push(chunk);
        });
        res.on('end', () => resolve(toResponse(res, Buffer.concat(chunks))));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  };
}

function toResponse(res, buffer) {
  const headers = new Headers();
  for (let i = 0; i < res.rawHeaders.length; i += 2) headers.append(res.rawHeaders[i], res.rawHeaders[i + 1]);
  const nullBody = res.statusCode === 204 || res.statusCode === 304 || (res.statusCode >= 100 && res.statusCode < 200);
  return new Response(nullBody ? null : buffer, { status: res.statusCode, statusText: res.statusMessage, headers });
}
