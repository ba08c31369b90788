// `npm run bench`: ngx-msal-http against @azure/msal-angular's MsalInterceptor in headless
// Chromium. Prints the table and writes bench/results.json. See bench/README.md.
//
//   npm run bench                          full run (about two minutes)
//   npm run bench -- --skip-lib-build      reuse dist/ngx-msal-http
//   npm run bench -- --lib=<dir>           measure another build of ngx-msal-http (before/after a change)
//   npm run bench -- --profile=ours        also profile scenario 2 for one variant
//                                          (ours | ours-di | theirs | trivial) into bench/profiles/
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureChromium, ensureDependencies, root } from '../scripts/ensure-env.mjs';
import { FULL, runBench } from './node/run-bench.mjs';
import { formatReport } from './node/report.mjs';

ensureDependencies();
const chromium = ensureChromium();
const args = process.argv.slice(2);
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const profile = option('profile');
const libraryDir = option('lib') && resolve(option('lib'));

const results = await runBench({
  root,
  chromium,
  settings: FULL,
  buildLibrary: !args.includes('--skip-lib-build'),
  libraryDir,
  profile,
  log: (line) => console.log(line),
});
console.log('');
for (const line of formatReport(results)) console.log(line);
// Another build's figures go next to the main ones instead of replacing them.
const file = join(root, libraryDir ? 'bench/results-lib.json' : 'bench/results.json');
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\n[bench] ${results.runtimeSeconds} s; every figure is in ${file}`);
