// Used by check-package.mjs: do the library's peer ranges promise only what is tested?
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { root } from './ensure-env.mjs';

// Majors of a peer tested outside `npm test`, and the command that tests them. A peer range may
// admit these besides the workspace's own version (e.g. "^21.0.0 || ^22.0.0").
const TESTED_ELSEWHERE = {
  '@angular/core': { majors: [22], by: 'npm run check:ng22' },
  '@angular/common': { majors: [22], by: 'npm run check:ng22' },
  '@angular/router': { majors: [22], by: 'npm run check:ng22' },
};

// The peers are what we promise to work with; the workspace pins what we actually test with.
// Each range must admit the tested version and no untested major (a promise we cannot keep).
export function peerRangeProblems(libraryManifest) {
  const problems = [];
  const rootManifest = readJson(join(root, 'package.json'));
  for (const [name, range] of Object.entries(libraryManifest.peerDependencies ?? {})) {
    const installed = join(root, 'node_modules', name, 'package.json');
    const pinned = rootManifest.dependencies?.[name] ?? rootManifest.devDependencies?.[name];
    if (!pinned || !existsSync(installed)) {
      problems.push(`peer ${name} is not a dependency of the workspace, so no version of it is tested.`);
      continue;
    }
    const tested = readJson(installed).version;
    if (!semver.satisfies(tested, range)) {
      problems.push(`peer ${name}@"${range}" does not admit the tested version ${tested}; fix the range or the workspace version.`);
      continue;
    }
    const testedMajors = new Set([semver.major(tested), ...(TESTED_ELSEWHERE[name]?.majors ?? [])]);
    const lowest = semver.minVersion(range)?.major ?? 0;
    for (let major = lowest; major <= Math.max(...testedMajors) + 1; major++) {
      if (!testedMajors.has(major) && semver.intersects(range, `>=${major}.0.0-0 <${major + 1}.0.0-0`)) {
        const elsewhere = TESTED_ELSEWHERE[name] ? `, ${TESTED_ELSEWHERE[name].majors.join(', ')}.x by ${TESTED_ELSEWHERE[name].by}` : '';
        problems.push(`peer ${name}@"${range}" admits ${major}.x, which nothing tests (tested: ${tested} by npm test${elsewhere}).`);
      }
    }
  }
  return problems;
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}
