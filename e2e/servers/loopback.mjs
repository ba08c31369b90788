// Listening on loopback only: these servers hand out tokens for any user name, so they must never
// be reachable from another machine.
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** True when a URL's host name is a loopback name or address (`localhost`, `127.0.0.1`, `::1`). */
export function isLoopbackUrl(url) {
  return LOOPBACK_HOSTS.has(new URL(url).hostname);
}

/**
 * Serves `handler` on 127.0.0.1 and, when the machine has it, on ::1 with the same port.
 * `port: 0` picks a spare port. `tls` ({ key, cert }) switches to https.
 *
 * Both stacks because "localhost" resolves to ::1 first on many machines (browsers and Node try
 * it first), while this project's CI resolves it to 127.0.0.1 only.
 *
 * @example
 * const listener = await listenOnLoopback({ port: 0, handler: (req, res) => res.end('ok') });
 * console.log(listener.port); await listener.close();
 */
export async function listenOnLoopback({ port, tls, handler }) {
  // A spare port on 127.0.0.1 can be taken on ::1; try a few fresh ports, then give up loudly.
  for (let attempt = 1; ; attempt++) {
    const ipv4 = await listen(makeServer(tls, handler), port, '127.0.0.1');
    const actualPort = ipv4.address().port;
    const ipv6 = makeServer(tls, handler);
    try {
      await listen(ipv6, actualPort, '::1');
      return listener(actualPort, [ipv4, ipv6]);
    } catch (error) {
      if (error.code === 'EADDRNOTAVAIL' || error.code === 'EAFNOSUPPORT') return listener(actualPort, [ipv4]);
      await closeServer(ipv4);
      if (error.code !== 'EADDRINUSE' || port !== 0 || attempt >= 5) throw error;
    }
  }
}

function makeServer(tls, handler) {
  const server = tls ? createHttpsServer(tls, handler) : createHttpServer(handler);
  // Browsers keep connections alive; a short idle timeout lets stop() finish quickly.
  server.keepAliveTimeout = 2_000;
  return server;
}

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host, ipv6Only: host === '::1' }, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

function listener(port, servers) {
  return { port, close: () => Promise.all(servers.map(closeServer)).then(() => undefined) };
}

function closeServer(server) {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
