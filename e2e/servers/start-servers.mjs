// One call (or one command) for everything the end-to-end tests and `npm start` need besides the
// Angular app: certificates, the OpenID provider and the protected API. Also a development
// identity provider for your own app (README, "A local OpenID provider for your own app").
//
//   node e2e/servers/start-servers.mjs
//   env: OIDC_PORT=3443 API_PORT=3001 API_HTTPS_PORT=3002 (default API_PORT + 1)
//        APP_ORIGIN=http://localhost:4200[,http://localhost:4300]   the apps allowed to sign in
//        REDIRECT_PATHS=/,/redirect-bridge.html                     redirect URIs on each origin
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startProtectedApi } from './api.mjs';
import { makeCertificates } from './certs.mjs';
import { DEMO_CLIENT_ID, startOidcProvider } from './oidc.mjs';

const CERT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '.certs');

/** Paths on the app origin the provider accepts as redirect URIs, unless told otherwise. */
export const REDIRECT_PATHS = ['/', '/redirect-bridge.html'];

/**
 * Starts certificates + provider + API. Port 0 picks spare ports (tests); `appOrigin` may be one
 * origin or a list (CORS on both servers, redirect URIs on each origin); `redirectPaths` are the
 * redirect (and post-logout) URIs accepted on every origin, paths or full URLs.
 *
 * @example
 * const servers = await startAll({ oidcPort: 0, apiPort: 0, appOrigin: 'http://localhost:4200' });
 * // servers.issuer, servers.apiUrl, servers.apiHttpsUrl (DPoP routes), servers.caCertPath, servers.redirectUris,
 * // servers.setAccessTokenTtl(20), servers.tokenRequests(), servers.resetTokenRequests()
 * await servers.stop();
 */
export async function startAll({
  oidcPort = 3443,
  apiPort = 3001,
  apiHttpsPort = apiPort === 0 ? 0 : apiPort + 1,
  appOrigin = 'http://localhost:4200',
  redirectPaths = REDIRECT_PATHS,
  certDir = CERT_DIR,
  quiet = false,
} = {}) {
  const appOrigins = [].concat(appOrigin).map((origin) => new URL(origin).origin);
  const { caCertPath, certPath, keyPath } = makeCertificates(certDir);
  const ca = readFileSync(caCertPath);
  const tls = { cert: readFileSync(certPath), key: readFileSync(keyPath) };
  const redirectUris = [...new Set(appOrigins.flatMap((origin) => redirectPaths.map((path) => new URL(path, origin).href)))];

  const oidc = await startOidcProvider({
    port: oidcPort,
    clientRedirectUris: redirectUris,
    allowedOrigins: appOrigins,
    tls,
    ...(quiet ? { onServerError: () => {} } : {}),
  });
  let api;
  try {
    api = await startProtectedApi({
      port: apiPort,
      httpsPort: apiHttpsPort,
      tls,
      issuer: oidc.issuer,
      jwksUri: oidc.jwksUri,
      ca,
      allowedOrigins: appOrigins,
    });
  } catch (error) {
    await oidc.stop();
    throw error;
  }

  let stopping;
  return {
    issuer: oidc.issuer,
    apiUrl: api.url,
    apiHttpsUrl: api.httpsUrl,
    caCertPath,
    clientId: DEMO_CLIENT_ID,
    redirectUris,
    appOrigins,
    setAccessTokenTtl: oidc.setAccessTokenTtl,
    tokenRequests: oidc.tokenRequests,
    resetTokenRequests: oidc.resetTokenRequests,
    stop: () => (stopping ??= Promise.all([api.stop(), oidc.stop()]).then(() => undefined)),
  };
}

async function main() {
  const servers = await startAll({
    oidcPort: Number(process.env.OIDC_PORT ?? 3443),
    apiPort: Number(process.env.API_PORT ?? 3001),
    apiHttpsPort: process.env.API_HTTPS_PORT ? Number(process.env.API_HTTPS_PORT) : undefined,
    appOrigin: list(process.env.APP_ORIGIN) ?? 'http://localhost:4200',
    redirectPaths: list(process.env.REDIRECT_PATHS) ?? REDIRECT_PATHS,
  });
  console.log(`[servers] OpenID provider  ${servers.issuer}  (client_id ${servers.clientId}; any login works)`);
  console.log(`[servers] protected API    ${servers.apiUrl}  (also http://127.0.0.1:${new URL(servers.apiUrl).port})`);
  console.log(`[servers] DPoP API         ${servers.apiHttpsUrl}/dpop  (RFC 9449 proofs required)`);
  console.log(`[servers] redirect URIs    ${servers.redirectUris.join(' ')}`);
  console.log(`[servers] local CA         ${servers.caCertPath}  (open ${servers.issuer} once and accept the warning)`);
  console.log(
    `[servers] your own app     ng add ngx-msal-http --provider=oidc --client-id=${servers.clientId} --authority=${servers.issuer} ` +
      `--api-url=${servers.apiUrl} --api-scopes=api://demo-orders/orders.read`,
  );
  console.log('[servers] Ctrl-C to stop');

  const shutdown = (signal) => {
    console.log(`[servers] ${signal}: stopping`);
    // Open browser connections must not keep us alive forever.
    setTimeout(() => process.exit(1), 5_000).unref();
    servers.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

/** A comma-separated environment variable as a list; undefined when unset or empty. */
function list(value) {
  const items = (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  return items.length > 0 ? items : undefined;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    console.error('[servers] failed to start:', error.message);
    process.exit(1);
  });
}
