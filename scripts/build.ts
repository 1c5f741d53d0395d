import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const sources = ['app', 'components', 'lib', 'messages', 'cities', 'proxy.ts', 'next.config.mjs', 'package.json', 'package-lock.json'];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

/** True when .next holds a build newer than every source file. */
export function buildIsCurrent(root = process.cwd()): boolean {
  const buildId = join(root, '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return false;
  const built = statSync(buildId).mtimeMs;
  return sources.every((s) => !existsSync(join(root, s)) || newestMtime(join(root, s)) <= built);
}

/** Runs `npm run build` (`next build` and its compile hints) unless the current build is up to date. */
export function buildIfNeeded(env: NodeJS.ProcessEnv = process.env) {
  if (buildIsCurrent()) return;
  console.log('Building the portal (takes a minute) …');
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', env });
  if (build.status !== 0) throw new Error('The build failed.');
}
