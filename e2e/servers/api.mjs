// The demo's protected API: what the interceptor's tokens are for. It also records every request
// it sees (GET /__received) so a browser test can assert which requests carried a token.
import { randomUUID } from 'node:crypto';
import { createBearerVerifier, hasScope } from './bearer-verifier.mjs';
import { CLAIMS_REQUEST, satisfiesAuthContext } from './claims-challenge.mjs';
import { createLoopbackFetch } from './loopback-fetch.mjs';
import { listenOnLoopback } from './loopback.mjs';

/** Request header that makes a protected route demand the `acrs: ["c1"]` claims marker. */
export const CHALLENGE_HEADER = 'x-demo-require-claims';

const ORDERS = 'api://demo-orders';
const PROFILE = 'api://demo-profile';
const ROUTES = {
  'GET /public': { handle: () => [200, { message: 'public data, no token needed' }] },
  'GET /orders': {
    audience: ORDERS,
    scope: 'orders.read',
    handle: ({ claims }) => [
      200,
      {
        owner: claims.sub,
        orders: [
          { id: 1, item: 'coffee' },
          { id: 2, item: 'tea' },
        ],
      },
    ],
  },
  'POST /orders': {
    audience: ORDERS,
    scope: 'orders.write',
    handle: ({ claims, body }) => [201, { id: randomUUID(), owner: claims.sub, order: body }],
  },
  'GET /profile': { audience: PROFILE, scope: 'profile.read', handle: ({ claims }) => [200, { sub: claims.sub }] },
};
const MAX_RECORDS = 500;
const MAX_BODY_BYTES = 64 * 1024;

/**
 * Starts the API on `http://localhost:<port>` (0 = a spare port), also answering as
 * `http://127.0.0.1:<port>` for look-alike-host tests (the Host header is recorded).
 * `ca` is the PEM the provider's https certificate chains to (for fetching its JWKS).
 *
 * Test-only routes: `GET /__received` answers `{ requests: [...] }`, oldest first, each
 * `{ seq, time, method, path, host, origin, hasAuthorization, challengeRequested, status,
 * token: { aud, scope, scp, sub, acrs, iat, exp } | null, tokenError }` (status 0 = still in flight; `token`
 * only for signature-verified tokens; never the raw token). `POST /__reset` empties it.
 * Preflights are recorded too (method OPTIONS); `/__*` calls are not.
 *
 * @example
 * const api = await startProtectedApi({ port: 3001, issuer, jwksUri, ca, allowedOrigins: ['http://localhost:4200'] });
 * await api.stop();
 */
export async function startProtectedApi({
  port = 3001,
  issuer,
  jwksUri = `${issuer}/jwks`,
  authorizationUri = `${issuer}/auth`,
  ca,
  allowedOrigins = ['http://localhost:4200'],
  realm = 'ngx-msal-http demo API',
}) {
  const verify = createBearerVerifier({ issuer, jwksUri, fetch: createLoopbackFetch({ ca }) });
  const origins = new Set(allowedOrigins);
  const records = [];
  let sequence = 0;

  async function handle(req, res) {
    const url = new URL(req.url, 'http://placeholder');
    const record = {
      seq: ++sequence,
      time: new Date().toISOString(),
      method: req.method,
      path: url.pathname + url.search,
      host: req.headers.host ?? null,
      origin: req.headers.origin ?? null,
      hasAuthorization: req.headers.authorization !== undefined,
      challengeRequested: req.headers[CHALLENGE_HEADER] === '1',
      token: null,
      tokenError: null,
      status: 0,
    };
    const send = (status, body, headers = {}) => {
      record.status = status;
      const allowedOrigin = origins.has(req.headers.origin)
        ? { 'access-control-allow-origin': req.headers.origin, 'access-control-expose-headers': 'WWW-Authenticate' }
        : {};
      res.writeHead(status, {
        vary: 'Origin',
        'cache-control': 'no-store',
        ...allowedOrigin,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };

    if (url.pathname === '/__received' && req.method === 'GET') return send(200, { requests: records });
    if (url.pathname === '/__reset' && req.method === 'POST') {
      records.length = 0;
      return send(204);
    }
    if (!url.pathname.startsWith('/__')) remember(records, record);

    if (req.method === 'OPTIONS') {
      return send(204, undefined, {
        'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE',
        'access-control-allow-headers': `Authorization, Content-Type, ${CHALLENGE_HEADER}`,
        'access-control-max-age': '600',
      });
    }
    const route = ROUTES[`${req.method} ${url.pathname}`];
    if (!route) {
      const known = Object.keys(ROUTES).some((key) => key.endsWith(` ${url.pathname}`));
      return send(known ? 405 : 404, { error: known ? 'method not allowed' : 'not found' });
    }

    const body = await readJson(req);
    if (body instanceof Error) return send(body.status, { error: body.message });
    if (!route.audience) return send(...route.handle({ body }));

    const result = await verify(req.headers.authorization, route.audience);
    record.token = result.claims ? summarize(result.claims) : null;
    const challenge = (params) => ({ 'www-authenticate': bearerChallenge({ realm, ...params }) });
    if (result.outcome === 'missing') return send(401, { error: 'no bearer token' }, challenge({}));
    if (result.outcome === 'invalid') {
      record.tokenError = result.description;
      return send(401, { error: result.description }, challenge({ error: 'invalid_token', error_description: result.description }));
    }
    const required = `${route.audience}/${route.scope}`;
    if (!hasScope(result.claims, route.audience, route.scope)) {
      return send(
        403,
        { error: `scope ${required} required` },
        challenge({ error: 'insufficient_scope', error_description: `scope ${required} required`, scope: required }),
      );
    }
    // The CAE pattern: a valid token is still refused until it carries the requested claims.
    if (record.challengeRequested && !satisfiesAuthContext(result.claims)) {
      return send(
        401,
        { error: 'claims challenge' },
        challenge({
          authorization_uri: authorizationUri,
          error: 'insufficient_claims',
          claims: Buffer.from(CLAIMS_REQUEST).toString('base64'),
        }),
      );
    }
    return send(...route.handle({ claims: result.claims, body }));
  }

  const listener = await listenOnLoopback({
    port,
    handler: (req, res) =>
      handle(req, res).catch((error) => {
        console.error('[api] request failed:', error);
        if (!res.headersSent) res.writeHead(503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'the API could not check the token (is the OpenID provider up?)' }));
      }),
  });
  return { url: `http://localhost:${listener.port}`, port: listener.port, stop: () => listener.close() };
}

function remember(records, record) {
  records.push(record);
  if (records.length > MAX_RECORDS) records.splice(0, records.length - MAX_RECORDS);
}

// Never the raw token: only what a test needs to tell which token arrived.
function summarize(claims) {
  return {
    aud: claims.aud,
    scope: claims.scope ?? null,
    scp: claims.scp ?? null,
    sub: claims.sub,
    acrs: claims.acrs ?? null,
    iat: claims.iat ?? null,
    exp: claims.exp ?? null,
  };
}

function bearerChallenge(params) {
  const quoted = Object.entries(params).map(([key, value]) => `${key}="${String(value).replace(/["\\]/g, "'")}"`);
  return ['Bearer', quoted.join(', ')].join(' ').trim();
}

async function readJson(req) {
  let size = 0;
  const chunks = [];
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return Object.assign(new Error(`body larger than ${MAX_BODY_BYTES} bytes`), { status: 413 });
    chunks.push(chunk);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return Object.assign(new Error('body is not JSON'), { status: 400 });
  }
}
