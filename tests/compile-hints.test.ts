import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { addCompileHints, COMPILE_HINT } from '../scripts/lib/compile-hints';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('marks each client script once for eager compilation and leaves other files alone', () => {
  dir = mkdtempSync(join(tmpdir(), 'sp-hints-'));
  writeFileSync(join(dir, 'a.js'), 'console.log(1);');
  writeFileSync(join(dir, 'b.js'), `${COMPILE_HINT}console.log(2);`);
  writeFileSync(join(dir, 'c.css'), 'body{}');
  expect(addCompileHints(dir)).toBe(1);
  expect(readFileSync(join(dir, 'a.js'), 'utf8')).toBe(`${COMPILE_HINT}console.log(1);`);
  expect(readFileSync(join(dir, 'b.js'), 'utf8')).toBe(`${COMPILE_HINT}console.log(2);`);
  expect(readFileSync(join(dir, 'c.css'), 'utf8')).toBe('body{}');
  expect(addCompileHints(dir)).toBe(0);
});
