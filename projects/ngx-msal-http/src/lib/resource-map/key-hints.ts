// Guesses at what a mistyped protectedResourceMap key meant, for error and warning messages. They
// never change how a key is read: a key means what the URL parser says, and these only name a fix.

// "https:api.contoso.com", "https:/api.contoso.com" (no "//" after the colon, either way round),
// or "https//api.contoso.com" (no colon). See misspelledScheme().
const MISSPELLED_SCHEME = /^(https?)(?::(?![\\/]{2})|\/\/)/i;
// A host as users write it, then an optional port: "localhost", "127.0.0.1", "[::1]",
// "api.contoso.com" (two labels or more, the last one letters).
const HOST_AND_PORT = /^(localhost|\d{1,3}(?:\.\d{1,3}){3}|\[[\da-f:.]+\]|(?:[a-z\d-]+\.)+[a-z]{2,63})(?::\d{1,5})?$/i;
const LOCAL_HOST = /^(?:localhost|[\w-]+\.localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|\[::1\])$/i;
// File names that would otherwise look like host names ("data.json", "app.js").
const FILE_EXTENSION = /\.(?:json|js|mjs|cjs|ts|html?|xml|txt|css|csv|svg|png|jpe?g|gif|ico|webp|pdf|map|wasm|ya?ml|php|aspx?)$/i;

/**
 * For a key that starts with a misspelled http(s) scheme, the key written correctly; `undefined`
 * otherwise. "https:api.contoso.com/v1" parses as the host api.contoso.com, but the same text as a
 * request URL is a path on an https app's own origin, and "https//api.contoso.com" is a path.
 */
export function misspelledScheme(written: string): string | undefined {
  const match = MISSPELLED_SCHEME.exec(written);
  return match ? `${match[1].toLowerCase()}://${written.slice(match[1].length).replace(/^[:\\/]+/, '')}` : undefined;
}

/**
 * For a path-relative key whose first segment looks like a host ("api.contoso.com/v1",
 * "localhost/api", "127.0.0.1:3001/x"), the absolute URL it most likely meant; `undefined`
 * otherwise, and for keys that say they are paths ("/x", "./x", "../x").
 */
export function hostLikeKey(written: string): string | undefined {
  if (/^[./\\]/.test(written)) return undefined;
  const first = written.split(/[/\\?#]/, 1)[0];
  if (!HOST_AND_PORT.test(first) || FILE_EXTENSION.test(first)) return undefined;
  return withLikelyScheme(written);
}

/**
 * `hostAndPath` ("localhost:3001/orders") with the scheme it most likely needs: http for a local
 * development host, which rarely has a certificate, https for everything else.
 */
export function withLikelyScheme(hostAndPath: string): string {
  const host = hostAndPath.split(/[/\\?#]/, 1)[0].replace(/:\d*$/, '');
  return `${LOCAL_HOST.test(host) ? 'http' : 'https'}://${hostAndPath}`;
}
