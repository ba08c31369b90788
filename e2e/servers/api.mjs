// The demo's protected API: what the interceptor's tokens are for. It also records every request
// it sees (GET /__received) so a browser test can assert which requests carried a token.
import { randomBytes, randomUUID } from 'node:crypto';
import { createBearerVerifier, hasScope } from './bearer-verifier.mjs';
import { createDpopVerifier, dpopChallenge } from './dpop-verifier.mjs';
import { CLAIMS_REQUEST, satisfiesAuthContext } from './claims-challenge.mjs';
import { createLoopbackFetch } from './loopback-fetch.mjs';
import { listenOnLoopback } from './loopback.mjs';

/** Request header that makes a protected route demand the `acrs: ["c1"]` claims marker. */
export const CHALLENGE_HEADER = 'x-demo-require-claims';

const ORDERS = 'api://demo-orders';
const PROFILE = 'api://demo-profile';
const DPOP = 'api://demo-dpop';
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
  // Sender-constrained (RFC 9449): only a DPoP-bound token with a fresh proof, on the https listener.
  'GET /dpop': { audience: DPOP, scope: 'dpop.read', dpop: true, handle: ({ claims }) => [200, { sub: claims.sub, bound: true }] },
  // The same, but the proof must also carry the server's nonce (answered with use_dpop_nonce).
  'GET /dpop/nonce': { audience: DPOP, scope: 'dpop.read', dpop: 'nonce', handle: ({ claims }) => [200, { sub: claims.sub, bound: true }] },
};
const MAX_RECORDS = 500;
const MAX_BODY_BYTES = 64 * 1024;

/**
 * Starts the API on `http://localhost:<port>` (0 = a spare port), also answering as
 * `http://127.0.0.1:<port>` for look-alike-host tests (the Host header is recorded), and, given
 * `tls` ({ key, cert }), on `https://localhost:<httpsPort>` as well: the DPoP routes (`GET /dpop`,
 * `GET /dpop/nonce`) answer only there, because a proof's htu must be https.
 * `ca` is the PEM the provider's https certificate chains to (for fetching its JWKS).
 *
 * Test-only routes: `GET /__received` answers `{ requests: [...] }`, oldest first, each
 * `{ seq, time, method, path, host, origin, hasAuthorization, challengeRequested, status,
 * token: { aud, scope, scp, sub, acrs, jkt, iat, exp, jti } | null, tokenError, scheme, dpop, dpopError }` (status
 * 0 = still in flight; `token` only for signature-verified tokens; never the raw token or proof;
 * `dpop` = `{ jti, htm, htu, jkt, alg }` of a verified proof). `POST /__reset` empties it.
 * Preflights are recorded too (method OPTIONS); `/__*` calls are not.
 *
 * @example
 * const api = await startProtectedApi({ port: 3001, issuer, jwksUri, ca, allowedOrigins: ['http://localhost:4200'] });
 * await api.stop();
 */
export async function startProtectedApi({
  port = 3001,
  httpsPort = port === 0 ? 0 : port + 1,
  tls,
  issuer,
  jwksUri = `${issuer}/jwks`,
  authorizationUri = `${issuer}/auth`,
  ca,
  allowedOrigins = ['http://localhost:4200'],
  realm = 'ngx-msal-http demo API',
}) {
  const verify = createBearerVerifier({ issuer, jwksUri, fetch: createLoopbackFetch({ ca }) });
  const verifyDpop = createDpopVerifier({ verifyToken: verify });
  const dpopNonce = randomBytes(16).toString('base64url');
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
      scheme: /^(\S+)/.exec(req.headers.authorization ?? '')?.[1] ?? null,
      hasDpopProof: req.headers.dpop !== undefined,
      dpop: null,
      dpopError: null,
      challengeRequested: req.headers[CHALLENGE_HEADER] === '1',
      token: null,
      tokenError: null,
      status: 0,
    };
    const send = (status, body, headers = {}) => {
      record.status = status;
      const allowedOrigin = origins.has(req.headers.origin)
        ? { 'access-control-allow-origin': req.headers.origin, 'access-control-expose-headers': 'WWW-Authenticate, DPoP-Nonce' }
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
        'access-control-allow-headers': `Authorization, DPoP, Content-Type, ${CHALLENGE_HEADER}`,
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
    if (route.dpop) {
      if (!req.socket.encrypted) return send(404, { error: 'DPoP routes answer on the https listener only' });
      const result = await verifyDpop({
        authorization: req.headers.authorization,
        proofs: req.headersDistinct.dpop,
        method: req.method,
        url: `https://${req.headers.host}${url.pathname}`,
        audience: route.audience,
        nonce: route.dpop === 'nonce' ? dpopNonce : undefined,
      });
      record.token = result.claims ? summarize(result.claims) : null;
      if (result.outcome !== 'valid') {
        if (result.outcome === 'invalid') record.dpopError = `${result.error}: ${result.description}`;
        const { error, description } = result.outcome === 'invalid' ? result : {};
        const nonceHeader = error === 'use_dpop_nonce' ? { 'dpop-nonce': dpopNonce } : {};
        return send(
          401,
          { error: description ?? 'no DPoP token' },
          { 'www-authenticate': dpopChallenge({ realm, error, description }), ...nonceHeader },
        );
      }
      record.dpop = result.proof;
      if (!hasScope(result.claims, route.audience, route.scope)) {
        return send(
          403,
          { error: `scope ${route.audience}/${route.scope} required` },
          {
            'www-authenticate': dpopChallenge({
              realm,
              error: 'insufficient_scope',
              description: `scope ${route.audience}/${route.scope} required`,
            }),
          },
        );
      }
      return send(...route.handle({ claims: result.claims, body }));
    }

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

  const handler = (req, res) =>
    handle(req, res).catch((error) => {
      console.error('[api] request failed:', error);
      if (!res.headersSent) res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'the API could not check the token (is the OpenID provider up?)' }));
    });
  const listener = await listenOnLoopback({ port, handler });
  let secure = null;
  try {
    if (tls) secure = await listenOnLoopback({ port: httpsPort, tls, handler });
  } catch (error) {
    await listener.close();
    throw error;
  }
  return {
    url: `http://localhost:${listener.port}`,
    port: listener.port,
    httpsUrl: secure ? `https://localhost:${secure.port}` : null,
    httpsPort: secure?.port ?? null,
    stop: () => Promise.all([listener.close(), secure?.close()]).then(() => undefined),
  };
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
    jkt: claims.cnf?.jkt ?? null,
    iat: claims.iat ?? null,
    exp: claims.exp ?? null,
    jti: claims.jti ?? null,
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
