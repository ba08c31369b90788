// A browser-free OAuth client for the self-test: drives oidc-provider's development login and
// consent forms with plain HTTP, the way msal-browser + a user would in a browser.
import { createHash, randomBytes } from 'node:crypto';

const MAX_STEPS = 12;

/** A PKCE verifier and its S256 challenge. */
export function createPkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/**
 * Runs an authorization request through login (any `login` name) and consent, following redirects
 * by hand and keeping cookies, until the provider redirects to `redirectUri`. Resolves to the
 * redirect's query parameters (`code` and `state`, or `error`) and the PKCE verifier to redeem with.
 *
 * @example
 * const { params, verifier } = await authorize({ fetch, issuer, clientId, redirectUri, scope: 'openid api://demo-orders/orders.read' });
 */
export async function authorize({ fetch, issuer, clientId, redirectUri, scope, login = 'alice', extraParams = {} }) {
  const pkce = createPkce();
  const state = randomBytes(8).toString('hex');
  let url = new URL(`${issuer}/auth`);
  url.search = new URLSearchParams({
    client_id: clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope,
    state,
    nonce: randomBytes(8).toString('hex'),
    code_challenge: pkce.challenge,
    code_challenge_method: 'S256',
    // msal's login with prompt 'consent': without it oidc-provider drops offline_access (no refresh token).
    prompt: 'consent',
    ...extraParams,
  });
  const cookies = new Map();
  const target = new URL(redirectUri);
  let request = { method: 'GET' };

  for (let step = 0; step < MAX_STEPS; step++) {
    const cookie = cookieHeader(cookies);
    const response = await fetch(url, { ...request, headers: { ...request.headers, ...(cookie ? { cookie } : {}) } });
    storeCookies(cookies, response.headers.getSetCookie());
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url);
      if (url.origin === target.origin && url.pathname === target.pathname) {
        const params = new URLSearchParams(url.search || url.hash.slice(1));
        if (params.get('state') !== state) throw new Error(`state mismatch in ${url.href}`);
        return { params, verifier: pkce.verifier };
      }
      request = { method: 'GET' };
      continue;
    }
    const html = await response.text();
    const form = response.status === 200 ? parseForm(html) : undefined;
    if (!form) throw new Error(`unexpected ${response.status} from ${url.href}: ${html.slice(0, 300)}`);
    if ('login' in form.fields) Object.assign(form.fields, { login, password: 'any password' });
    url = new URL(form.action, url);
    request = {
      method: 'POST',
      body: new URLSearchParams(form.fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    };
  }
  throw new Error(`no redirect to ${redirectUri} after ${MAX_STEPS} steps`);
}

/**
 * POSTs a grant to the token endpoint as a browser SPA would (public client, `Origin` header;
 * `headers` adds more, e.g. a `DPoP` proof). Resolves to `{ status, body, allowOrigin }`.
 *
 * @example
 * await tokenRequest({ fetch, issuer, origin, params: { grant_type: 'refresh_token', client_id, refresh_token, scope } });
 */
export async function tokenRequest({ fetch, issuer, origin, params, headers = {} }) {
  const response = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin, ...headers },
    body: new URLSearchParams(params).toString(),
  });
  return { status: response.status, body: await response.json(), allowOrigin: response.headers.get('access-control-allow-origin') };
}

/** The payload of a JWT, unverified (tests only read what the API already verified). */
export function decodeJwtPayload(jwt) {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
}

// Enough of a cookie jar for one host: names are unique across the provider's cookie paths.
function storeCookies(cookies, setCookieHeaders) {
  for (const header of setCookieHeaders) {
    const [pair, ...attributes] = header.split(';');
    const [name, value = ''] = pair.trim().split(/=(.*)/s);
    const expires = attributes.map((a) => a.trim()).find((a) => /^expires=/i.test(a));
    const expired = value === '' || (expires && Date.parse(expires.slice(8)) < Date.now());
    if (expired) cookies.delete(name);
    else cookies.set(name, value);
  }
}

function cookieHeader(cookies) {
  return [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
}

function parseForm(html) {
  const action = /<form[^>]*\baction="([^"]+)"/i.exec(html)?.[1];
  if (!action) return undefined;
  const fields = {};
  for (const [input] of html.matchAll(/<input\b[^>]*>/gi)) {
    const name = /\bname="([^"]*)"/i.exec(input)?.[1];
    if (name) fields[name] = decodeEntities(/\bvalue="([^"]*)"/i.exec(input)?.[1] ?? '');
  }
  return { action: decodeEntities(action), fields };
}

function decodeEntities(text) {
  return text
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}
