import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/*
 * Every server action on disk, found the same way by the authorisation matrix and the staff-action
 * fuzzer: a new action is covered by both (or fails both) without anyone remembering to add it.
 */

const root = process.cwd();

export function filesUnder(dir: string, test: (path: string) => boolean): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .filter(test)
    .sort();
}

const useServer = /^\s*['"]use server['"]/m;
/** 'use server' as the file's first statement (comments may come before it). */
export const fileLevelUseServer = /^(?:\s*(?:\/\/[^\n]*|\/\*[\s\S]*?\*\/)\s*)*['"]use server['"]/;

/** Every file in app/, components/ and lib/ (tests aside) that holds 'use server', relative to the repository. */
export function serverActionFiles(): string[] {
  return ['app', 'components', 'lib']
    .flatMap((dir) => filesUnder(dir, (p) => /\.(ts|tsx)$/.test(p) && !/\.test\.tsx?$/.test(p)))
    .filter((p) => useServer.test(readFileSync(join(root, p), 'utf8')));
}

export type ServerAction = (...args: unknown[]) => unknown;

/** The exported functions of a 'use server' file: its actions, by name. */
export async function loadServerActions(file: string): Promise<Record<string, ServerAction>> {
  const loaded = (await import(/* @vite-ignore */ join(root, file))) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(loaded).filter((entry): entry is [string, ServerAction] => typeof entry[1] === 'function'));
}
