// `npm run api:check` fails when the public surface of the built package differs from the reports
// checked in under projects/ngx-msal-http/api/; `npm run api:update` (build + this script with
// --update) rewrites them. One API Extractor report per entry point in dist's package.json
// "exports", so `ngx-msal-http/testing` and any later entry point are covered without new config.
import { CompilerState, Extractor, ExtractorConfig } from '@microsoft/api-extractor';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { root } from './ensure-env.mjs';

const update = process.argv.includes('--update');
const apiDir = join(root, 'projects/ngx-msal-http/api');
const configPath = join(apiDir, 'api-extractor.json');
const distDir = join(root, 'dist/ngx-msal-http');
const distManifest = join(distDir, 'package.json');
const UPDATE_HINT = 'If the change is intended, run `npm run api:update` and commit projects/ngx-msal-http/api/.';

if (!existsSync(distManifest)) fail('dist/ngx-msal-http is missing: run `npm run build` first (or `npm run api:update`, which builds).');
warnIfDistIsStale();

const entryPoints = Object.entries(JSON.parse(readFileSync(distManifest, 'utf8')).exports ?? {})
  .filter(([subpath]) => subpath !== './package.json')
  .map(([subpath, conditions]) => ({ subpath, types: conditions.types, report: `${basename(conditions.types, '.d.ts')}.api.md` }));
if (entryPoints.length === 0) fail('dist/ngx-msal-http/package.json has no "exports" entry points.');

// Secondary entry points import the primary one as 'ngx-msal-http'. Inside dist/ that resolves as
// a self-reference, which API Extractor counts as the same package, so every type they import is
// flagged as a forgotten export. We analyse a renamed copy inside a node_modules folder instead:
// 'ngx-msal-http' then resolves through node_modules, as an external package, as in an app. The
// copy sits in the workspace so the peers' types still resolve from its node_modules.
mkdirSync(join(root, 'node_modules/.cache'), { recursive: true });
const tempDir = mkdtempSync(join(root, 'node_modules/.cache/ngx-msal-http-api-'));
const packageCopy = join(tempDir, 'node_modules/ngx-msal-http');
cpSync(distDir, packageCopy, { recursive: true });
const manifest = JSON.parse(readFileSync(distManifest, 'utf8'));
writeFileSync(join(packageCopy, 'package.json'), JSON.stringify({ ...manifest, name: `${manifest.name}-under-analysis` }));
const problems = [];
try {
  const configs = entryPoints.map(prepareConfig);
  // One TypeScript program for all entry points (they share the peers' types): halves the time.
  const compilerState = CompilerState.create(configs[0], { additionalEntryPoints: configs.map((c) => c.mainEntryPointFilePath) });
  entryPoints.forEach((entry, i) => runExtractor(entry, configs[i], compilerState));
} finally {
  rmSync(tempDir, { recursive: true, force: true });
}

// A report whose entry point disappeared would otherwise sit in the repo describing nothing.
const expected = new Set(entryPoints.map((entry) => entry.report));
for (const file of readdirSync(apiDir).filter((name) => name.endsWith('.api.md') && !expected.has(name))) {
  if (update) {
    rmSync(join(apiDir, file));
    console.log(`[api] removed ${file}: the built package has no matching entry point`);
  } else {
    problems.push(`${file} describes an entry point the built package no longer has.`);
  }
}

if (problems.length > 0) {
  console.error(`\n[api] public API check FAILED:\n${problems.map((p) => `  - ${p}`).join('\n')}\n[api] ${UPDATE_HINT}`);
  process.exit(1);
}
console.log(`[api] ${update ? 'reports written' : 'public API matches the reports'}: ${entryPoints.map((e) => e.report).join(', ')}`);

function prepareConfig({ types, report }) {
  const configObject = ExtractorConfig.loadFile(configPath);
  configObject.projectFolder = packageCopy;
  configObject.mainEntryPointFilePath = `<projectFolder>/${types.replace(/^\.\//, '')}`;
  configObject.apiReport = { ...configObject.apiReport, reportFileName: report, reportTempFolder: join(tempDir, 'reports') };
  return ExtractorConfig.prepare({
    configObject,
    configObjectFullPath: configPath,
    // The report is named after the real package, not the renamed copy.
    packageJsonFullPath: distManifest,
  });
}

function runExtractor({ subpath, report }, config, compilerState) {
  const result = Extractor.invoke(config, {
    compilerState,
    localBuild: update,
    printApiReportDiff: !update,
    messageCallback(message) {
      // Replaced by our own message, which names the npm script instead of temp-file copying.
      if (message.messageId === 'console-api-report-not-copied') message.handled = true;
      // "Analysis will use the bundled TypeScript version ...": expected, not actionable.
      if (message.messageId === 'console-preamble' || message.messageId === 'console-compiler-version-notice') message.handled = true;
    },
  });
  const reportPath = relative(root, join(apiDir, report));
  if (result.apiReportChanged && !update) {
    const name = `ngx-msal-http${subpath.slice(1)}`;
    problems.push(
      existsSync(join(apiDir, report))
        ? `the public API of "${name}" differs from ${reportPath} (diff above).`
        : `"${name}" has no report ${reportPath} yet.`,
    );
  } else if (!result.succeeded) {
    problems.push(
      `API Extractor reported ${result.errorCount} error(s) and ${result.warningCount} warning(s) for ${reportPath} (see above).`,
    );
  }
}

// The report reflects the last build. Only a warning: in `npm test` the build step runs just before.
function warnIfDistIsStale() {
  const built = statSync(distManifest).mtimeMs;
  const newest = newestSource(join(root, 'projects/ngx-msal-http'));
  if (newest && newest.mtimeMs > built) {
    console.warn(`[api] warning: ${relative(root, newest.path)} is newer than the build; run \`npm run build\` for a current report.`);
  }
}

function newestSource(dir) {
  let newest = null;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.spec.ts')) continue;
    const path = join(entry.parentPath, entry.name);
    const { mtimeMs } = statSync(path);
    if (!newest || mtimeMs > newest.mtimeMs) newest = { path, mtimeMs };
  }
  return newest;
}

function fail(message) {
  console.error(`[api] ${message}`);
  process.exit(1);
}
