/**
 * A cheap look at a request URL before the full parse: `false` when the URL certainly names a
 * host that no key covers, `true` when it might (then the WHATWG parser decides). It only ever
 * rules URLs out, so it cannot make a URL match, and any URL it cannot read plainly takes the
 * full parse. Most requests of an app go to hosts the map does not name, and for them the parse
 * (`new URL` and its getters) was most of what the interceptor cost.
 *
 * @param hostSuffixes every key's host without its leading `*` labels, as the parser wrote it.
 * @param baseUrl what relative request URLs resolve against.
 */
export function createHostPrefilter(hostSuffixes: Iterable<string>, baseUrl: string | undefined): (url: string) => boolean {
  const suffixes = new Set(hostSuffixes);
  const appHost = plainHostOf(baseUrl);
  return (url) => {
    const host = plainHost(url, appHost);
    if (host === null) return true;
    // The host itself, then each shorter suffix: an exact key or a wildcard key's literal part.
    for (let dot = -1; ;) {
      if (suffixes.has(dot === -1 ? host : host.slice(dot + 1))) return true;
      dot = host.indexOf('.', dot + 1);
      if (dot === -1) return false;
    }
  };
}

const SLASH = 47;
const DOT = 46;
const COLON = 58;
// What the parser reads as an IPv4 number: decimal (or octal) digits, or "0x" and hex digits.
const NUMBER = /^(?:\d+|0x[0-9a-f]*)$/;

/**
 * The host `url` names when the parser would return it unchanged: "http://" or "https://" (lower
 * case), then lower-case letters, digits and hyphens in dot-separated labels, an optional port of
 * digits, then "/", "?", "#" or the end; or a path on the app's origin ("/x", not "//x" or "/\x",
 * which name another host, nor "/" followed by a tab or newline, which the parser removes).
 * `null` for anything else, and for a host whose last label is a number, which the parser reads
 * as IPv4 ("https://127.1" is 127.0.0.1).
 */
function plainHost(url: string, appHost: string | null): string | null {
  let start: number;
  if (url.startsWith('https://')) start = 8;
  else if (url.startsWith('http://')) start = 7;
  else if (url.charCodeAt(0) === SLASH) return /^\/(?![/\\\t\n\r])/.test(url) ? appHost : null;
  else return null;
  let end = start;
  let labelStart = start;
  for (; end < url.length; end++) {
    const c = url.charCodeAt(end);
    if (c === DOT) {
      if (end === labelStart) return null;
      labelStart = end + 1;
    } else if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45)) {
      break;
    }
  }
  if (end === labelStart || NUMBER.test(url.slice(labelStart, end))) return null;
  let next = end;
  if (url.charCodeAt(next) === COLON) {
    do next++;
    while (url.charCodeAt(next) >= 48 && url.charCodeAt(next) <= 57);
    if (next === end + 1 || next - end > 6) return null;
  }
  if (next < url.length && !'/?#'.includes(url[next])) return null;
  return url.slice(start, end);
}

function plainHostOf(baseUrl: string | undefined): string | null {
  if (baseUrl === undefined) return null;
  try {
    const { protocol, hostname } = new URL(baseUrl);
    return protocol === 'https:' || protocol === 'http:' ? hostname : null;
  } catch {
    return null;
  }
}
