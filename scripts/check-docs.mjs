// Every error code the library defines must be documented in docs/errors.md, and every code the
// docs list must exist: the codes are public API and the docs are where users look them up.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './ensure-env.mjs';

const source = readFileSync(join(root, 'projects/ngx-msal-http/src/lib/config/msal-http-error.ts'), 'utf8');
const docs = readFileSync(join(root, 'docs/errors.md'), 'utf8');
const defined = new Set([...source.matchAll(/^\s+\w+: '(MSALHTTP\d{3})',$/gm)].map((m) => m[1]));
const documented = new Set([...docs.matchAll(/^\| (MSALHTTP\d{3}) \|/gm)].map((m) => m[1]));
const missing = [...defined].filter((code) => !documented.has(code));
const stale = [...documented].filter((code) => !defined.has(code));
if (defined.size === 0) throw new Error('check-docs: found no error codes in msal-http-error.ts; did the file move?');
if (missing.length || stale.length) {
  console.error(
    `docs/errors.md is out of date. Undocumented: ${missing.join(', ') || 'none'}. Not defined: ${stale.join(', ') || 'none'}.`,
  );
  process.exit(1);
}
// The name beside each code is what users write (MsalHttpErrorCode.RedirectStarted): it must match.
const names = new Map([...source.matchAll(/^\s+(\w+): '(MSALHTTP\d{3})',$/gm)].map((m) => [m[2], m[1]]));
const misnamed = [...docs.matchAll(/^\| (MSALHTTP\d{3}) \| `(\w+)` \|/gm)].filter((m) => names.get(m[1]) !== m[2]);
if (misnamed.length) {
  console.error(`docs/errors.md names codes wrongly: ${misnamed.map((m) => `${m[1]} is ${names.get(m[1])}, not ${m[2]}`).join('; ')}.`);
  process.exit(1);
}
console.log(`docs/errors.md documents all ${defined.size} error codes.`);
