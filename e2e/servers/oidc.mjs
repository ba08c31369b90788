// A real OpenID provider (oidc-provider 9) standing in for Entra ID, so msal-browser runs its
// genuine redirect / popup / refresh-token code paths against it.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Provider, { errors } from 'oidc-provider';
import { makeCertificates } from './certs.mjs';
import { requestedAuthContexts } from './claims-challenge.mjs';
import { listenOnLoopback } from './loopback.mjs';
import { DPOP_RESOURCES, RESOURCES, fullScope, resourcesInScope } from './resources.mjs';

/** The demo's public client id (msal `auth.clientId`). */
export const DEMO_CLIENT_ID = 'ngx-msal-http-demo';

/**
 * The `Cross-Origin-Opener-Policy` the provider sends on its HTML pages: `null` (none, the default)
 * or a value such as `'same-origin'`; `pages` limits it to paths that start with one of them. Set by
 * the popup tests, in the process that runs the provider, to behave like a provider that sends it.
 */
export const openerPolicy = { value: null, pages: null };

const DEFAULT_CERT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '.certs');

/**
 * Starts the provider on `https://localhost:<port>` (0 = a spare port). Any login name and password
 * are accepted on its development login form. Keys and all state live in memory and die with it.
 *
 * @example
 * const oidc = await startOidcProvider({ port: 3443, clientRedirectUris: ['http://localhost:4200/'] });
 * console.log(oidc.issuer); // https://localhost:3443
 * await oidc.stop();
 */
export async function startOidcProvider({
  port = 3443,
  clientRedirectUris,
  postLogoutRedirectUris = clientRedirectUris,
  allowedOrigins,
  tls,
  accessTokenTtlSeconds = 600,
  onServerError = (error) => console.error('[oidc] server error:', error),
} = {}) {
  if (!Array.isArray(clientRedirectUris) || clientRedirectUris.length === 0) {
    throw new TypeError('startOidcProvider: clientRedirectUris must list the demo app\'s redirect URIs, e.g. ["http://localhost:4200/"]');
  }
  allowedOrigins ??= [...new Set(clientRedirectUris.map((uri) => new URL(uri).origin))];
  tls ??= readTls(makeCertificates(DEFAULT_CERT_DIR));

  // The issuer contains the port, and the port is only known once listening (port 0).
  let app = (req, res) => {
    res.writeHead(503).end();
  };
  const listener = await listenOnLoopback({ port, tls, handler: (req, res) => app(req, res) });
  const issuer = `https://localhost:${listener.port}`;

  // Tests change the lifetime of tokens issued from now on (setAccessTokenTtl) and count the token
  // endpoint's calls (tokenRequests): a refresh token redeemed twice shows there, and as a revoked grant.
  const ttl = { seconds: accessTokenTtlSeconds };
  const tokenRequests = [];
  const provider = new Provider(issuer, configuration({ clientRedirectUris, postLogoutRedirectUris, allowedOrigins, ttl }));
  provider.use(acceptAccessTokenClaimsRequests);
  provider.use(recordTokenRequests(tokenRequests));
  provider.use(sendOpenerPolicy);
  provider.on('server_error', (_ctx, error) => onServerError(error));
  app = provider.callback();

  return {
    issuer,
    jwksUri: `${issuer}/jwks`,
    authorizationEndpoint: `${issuer}/auth`,
    tokenEndpoint: `${issuer}/token`,
    provider,
    /** Access tokens issued from now on live `seconds`. */
    setAccessTokenTtl: (seconds) => {
      ttl.seconds = seconds;
    },
    /** The token endpoint's calls, oldest first: `{ time, grantType, scope, status, error }`. */
    tokenRequests: () => tokenRequests.slice(),
    resetTokenRequests: () => {
      tokenRequests.length = 0;
    },
    stop: () => listener.close(),
  };
}

function configuration({ clientRedirectUris, postLogoutRedirectUris, allowedOrigins, ttl }) {
  const origins = new Set(allowedOrigins);
  return {
    clients: [
      {
        client_id: DEMO_CLIENT_ID,
        application_type: 'web',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: clientRedirectUris,
        post_logout_redirect_uris: postLogoutRedirectUris,
      },
    ],
    // Ephemeral: a restart invalidates every token, which is what a test run wants.
    jwks: { keys: [signingKey()] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    pkce: { required: () => true },
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'] },
    // msal-browser names the account from the ID token; without this, profile claims would only be
    // available from userinfo.
    conformIdTokenClaims: false,
    // Refresh tokens for the public client whether or not the sign-in asked for consent: by default
    // oidc-provider drops offline_access unless prompt=consent, so an app set up as for Entra ID (which
    // issues SPAs refresh tokens anyway) fell back to hidden iframes, which headless and privacy-minded
    // browsers block, and then to a popup every time its tokens neared expiry.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    findAccount: (_ctx, sub) => ({
      accountId: sub,
      claims: () => ({ sub, name: sub, preferred_username: sub }),
    }),
    clientBasedCORS: (_ctx, origin) => origins.has(origin),
    extraTokenClaims: authContextMarker,
    ttl: {
      AccessToken: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? ttl.seconds,
      IdToken: 3600,
      RefreshToken: 24 * 3600,
      Interaction: 600,
      Session: 24 * 3600,
      Grant: 24 * 3600,
    },
    features: {
      devInteractions: { enabled: true },
      claimsParameter: { enabled: true },
      // RFC 9449: a token request with a DPoP proof gets a DPoP-bound access token (cnf.jkt), and
      // a refresh token first issued to a DPoP request is bound to the same key. Replay checks on.
      dPoP: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: resourceFromScopes,
        // A refresh token granted for several resources serves each of them, like Entra's
        // multi-resource refresh tokens; defaultResource picks one per request.
        useGrantedResource: () => true,
        getResourceServerInfo: (ctx, indicator) => resourceServer(ctx, indicator, ttl.seconds),
      },
    },
  };
}

const DPOP_ACCESS_TOKEN_TTL = 330;

function signingKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), alg: 'RS256', use: 'sig', kid: `e2e-${randomBytes(6).toString('hex')}` };
}

function resourceServer(ctx, indicator, accessTokenTtlSeconds) {
  const scopes = RESOURCES[indicator];
  if (!scopes) throw new errors.InvalidTarget(`unknown resource ${indicator}`);
  // Sender-constrained resources: refused to a token request without a DPoP proof, so that no
  // bearer token for them ever exists. (The authorization endpoint may still name them.)
  if (DPOP_RESOURCES.includes(indicator) && ctx.oidc.route === 'token' && !ctx.get('DPoP')) {
    throw new errors.InvalidRequest(`${indicator} issues DPoP-bound tokens only; send a DPoP proof`);
  }
  return {
    audience: indicator,
    // Full form, because that is what msal requests and what oidc-provider filters by.
    scope: scopes.map((scope) => fullScope(indicator, scope)).join(' '),
    accessTokenFormat: 'jwt',
    // Sender-constrained tokens live shorter: 330 s, just past msal's 300 s renewal offset, so a
    // browser test can reach their renewal by moving the page clock less than the proof iat
    // windows allow (60 s at the API, 300 s at the provider's token endpoint).
    accessTokenTTL: DPOP_RESOURCES.includes(indicator) ? Math.min(accessTokenTtlSeconds, DPOP_ACCESS_TOKEN_TTL) : accessTokenTtlSeconds,
    jwt: { sign: { alg: 'RS256' } },
  };
}

// Called without `oneOf` at the authorization endpoint (may name several resources, e.g. with
// msal's extraScopesToConsent) and with `oneOf` at the token endpoint when the code or refresh
// token covers several (must pick one). The token endpoint drops `scope` from authorization_code
// requests' params, so the raw body is read as well.
function resourceFromScopes(ctx, _client, oneOf) {
  const named = resourcesInScope(ctx.oidc.params?.scope ?? ctx.oidc.body?.scope);
  if (oneOf) return named.find((resource) => oneOf.includes(resource));
  if (named.length === 0) return undefined;
  return named.length === 1 ? named[0] : named;
}

// The marker goes into a token only when the request that produced it asked for it: the token
// request's own `claims` (msal sends it on code redemption and on refresh) or the authorization
// request behind the code. A later plain refresh gets an unmarked token again.
function authContextMarker(ctx) {
  const contexts = new Set([
    ...requestedAuthContexts(ctx?.oidc?.body?.claims),
    ...requestedAuthContexts(ctx?.oidc?.entities?.AuthorizationCode?.claims),
  ]);
  return contexts.size ? { acrs: [...contexts] } : undefined;
}

// Every POST /token with its grant type, the scopes asked for and the outcome (oidc-provider answers
// a replayed refresh token with invalid_grant, after revoking the grant).
function recordTokenRequests(records) {
  return async (ctx, next) => {
    if (ctx.method !== 'POST' || ctx.path !== '/token') return next();
    const record = { time: Date.now(), grantType: null, scope: null, status: 0, error: null };
    records.push(record);
    try {
      await next();
    } finally {
      record.grantType = ctx.oidc?.params?.grant_type ?? null;
      record.scope = ctx.oidc?.params?.scope ?? ctx.oidc?.body?.scope ?? null;
      record.status = ctx.status;
      record.error = ctx.status >= 400 ? (ctx.body?.error ?? 'error') : null;
    }
  };
}

// oidc-provider follows OIDC Core 5.5, which requires a claims request to have `id_token` or
// `userinfo`; Entra's claims challenges only have `access_token`. Adding an empty `id_token`
// member lets such a request through unchanged in meaning. msal sends authorize requests as GET.
async function acceptAccessTokenClaimsRequests(ctx, next) {
  if (ctx.method === 'GET' && ctx.path === '/auth' && typeof ctx.query.claims === 'string') {
    const patched = withIdTokenMember(ctx.query.claims);
    if (patched !== ctx.query.claims) ctx.query = { ...ctx.query, claims: patched };
  }
  await next();
}

function withIdTokenMember(raw) {
  try {
    const claims = JSON.parse(raw);
    const isObject = claims && typeof claims === 'object' && !Array.isArray(claims);
    if (!isObject || claims.id_token !== undefined || claims.userinfo !== undefined) return raw;
    return JSON.stringify({ ...claims, id_token: {} });
  } catch {
    return raw; // let oidc-provider report the malformed JSON
  }
}

function readTls({ certPath, keyPath }) {
  return { cert: readFileSync(certPath), key: readFileSync(keyPath) };
}

async function sendOpenerPolicy(ctx, next) {
  await next();
  const { value, pages } = openerPolicy;
  if (!value || !(pages === null || pages.some((page) => ctx.path.startsWith(page)))) return;
  ctx.set('Cross-Origin-Opener-Policy', value);
}
