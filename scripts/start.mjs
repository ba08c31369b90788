// `npm start`: the demo, from a fresh clone, in one command. Installs what is missing, builds the
// library, starts the local OpenID provider and the protected API (e2e/servers), writes the
// demo's settings, then serves the demo with `ng serve` (rebuilds on save). Ctrl-C stops it all.
//
//   npm start                                   http://localhost:4200, provider 3443, API 3001
//   npm start -- --variant=module               the NgModule variant (default: standalone)
//   npm start -- --port=4300 --oidc-port=3444 --api-port=3002
// Environment variables DEMO_PORT, OIDC_PORT, API_PORT and DEMO_VARIANT work as well.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildLibrary, writeDemoConfig } from './build-demo.mjs';
import { ensureDependencies, root } from './ensure-env.mjs';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.DEMO_PORT ?? '4200' },
    'oidc-port': { type: 'string', default: process.env.OIDC_PORT ?? '3443' },
    'api-port': { type: 'string', default: process.env.API_PORT ?? '3001' },
    variant: { type: 'string', default: process.env.DEMO_VARIANT ?? 'standalone' },
  },
});
const port = toPort(values.port, '--port');
const oidcPort = toPort(values['oidc-port'], '--oidc-port');
const apiPort = toPort(values['api-port'], '--api-port');
if (!['standalone', 'module'].includes(values.variant)) fail(`--variant must be standalone or module, not "${values.variant}"`);

ensureDependencies();
for (const [name, value] of [
  ['--port', port],
  ['--oidc-port', oidcPort],
  ['--api-port', apiPort],
]) {
  if (!(await isFree(value))) fail(`port ${value} (${name}) is in use; pick another, e.g. ${name}=${value + 1}`);
}
buildLibrary();

// Imported only now: on a fresh clone, oidc-provider and jose exist only after ensureDependencies().
const { startAll } = await import('../e2e/servers/start-servers.mjs');
const appOrigin = `http://localhost:${port}`;
const servers = await startAll({ oidcPort, apiPort, appOrigin });
writeDemoConfig({
  issuer: servers.issuer,
  clientId: servers.clientId,
  apiUrl: servers.apiUrl,
  dpopApiUrl: servers.apiHttpsUrl,
  variant: values.variant,
  interactionType: 'popup',
});

const ng = join(root, 'node_modules', '@angular', 'cli', 'bin', 'ng.js');
const server = spawn(process.execPath, [ng, 'serve', 'demo', `--port=${port}`, '--host=localhost'], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, NG_CLI_ANALYTICS: 'false' },
});

let stopping = false;
async function stop(exitCode) {
  if (stopping) return;
  stopping = true;
  console.log('\n[start] stopping the demo, the API and the OpenID provider...');
  if (server.exitCode === null) server.kill('SIGTERM');
  // Open browser connections must not keep us alive forever.
  setTimeout(() => process.exit(exitCode), 5_000).unref();
  await servers.stop();
  process.exit(exitCode);
}
process.once('SIGINT', () => stop(0));
process.once('SIGTERM', () => stop(0));
server.once('exit', (code, signal) => stop(signal ? 0 : (code ?? 1)));

await waitUntilServing(appOrigin);
if (!stopping) {
  console.log(`
  ngx-msal-http demo (${values.variant} variant)    ${appOrigin}/
  OpenID provider                          ${servers.issuer}   (any user name and password)
  protected API                            ${servers.apiUrl}
  DPoP API (https)                         ${servers.apiHttpsUrl}/dpop

  The provider's certificate comes from a local CA made at run time (${servers.caCertPath}).
  Open ${servers.issuer}/.well-known/openid-configuration once and accept the warning (or trust
  that CA), then sign in on the demo. Other variant: ${appOrigin}/?variant=${values.variant === 'module' ? 'standalone' : 'module'}
  Ctrl-C stops everything.
`);
}

async function waitUntilServing(url) {
  // ng serve compiles first; a cold build takes up to a minute on a small machine.
  for (let attempt = 0; attempt < 240 && !stopping; attempt++) {
    const ok = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  if (!stopping) console.error(`[start] ${url} did not answer after 4 minutes; see the ng serve output above`);
}

function isFree(candidate) {
  return new Promise((resolve) => {
    const probe = createServer().once('error', () => resolve(false));
    probe.listen({ port: candidate, host: '127.0.0.1' }, () => probe.close(() => resolve(true)));
  });
}

function toPort(text, name) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 65535) fail(`${name} must be a port number, not "${text}"`);
  return value;
}

function fail(message) {
  console.error(`[start] ${message}`);
  process.exit(1);
}
