// `npm start` builds only when a source is newer than the last build (a full build takes 20-36 s).
// The build's inputs are src/, web/ (but its build output), the tsconfigs, vite's config and the
// lockfile; the stamp is written after a successful build. `npm run build` always builds.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';

const STAMP = 'dist/.build-stamp';
const INPUTS = ['src', 'web', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];
const SKIP = new Set(['node_modules', 'dist']);

function newestMtimeMs(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (!SKIP.has(entry)) newest = Math.max(newest, newestMtimeMs(join(path, entry)));
  }
  return newest;
}

const built = existsSync(STAMP) && existsSync('dist/cli/main.js') ? statSync(STAMP).mtimeMs : 0;
const sources = Math.max(...INPUTS.map(newestMtimeMs));
if (built > sources) {
  process.stdout.write('build is up to date (dist/ is newer than the sources); `npm run build` forces one\n');
} else {
  execSync('npm run build', { stdio: 'inherit' });
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
}
