/**
 * The stylesheets are plain CSS. A missing brace does not fail the build: the browser drops the
 * rest of the file, and every page after it looks broken (it happened once, in a merge). So each
 * stylesheet must parse, with no rule nested in another rule (we do not use CSS nesting).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import postcss from 'postcss';
import { describe, expect, it } from 'vitest';

function cssFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.css'))
    .map((entry) => join(entry.parentPath, entry.name));
}

const files = ['app', 'components'].flatMap(cssFiles);

describe('stylesheets', () => {
  it('finds the stylesheets', () => {
    expect(files).toContain(join('app', 'globals.css'));
  });

  it.each(files)('%s parses, with every rule at the top level or in an at-rule', (file) => {
    const root = postcss.parse(readFileSync(file, 'utf8'), { from: file });
    const nested: string[] = [];
    root.walkRules((rule) => {
      if (rule.parent?.type === 'rule') nested.push(`${rule.selector} (line ${rule.source?.start?.line})`);
    });
    expect(nested).toEqual([]);
  });
});
