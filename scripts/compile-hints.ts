// Part of `npm run build`, after `next build`: marks the client chunks for eager compilation
// (scripts/lib/compile-hints.ts says why). Safe to run again.
import { addCompileHints } from './lib/compile-hints';

const dir = '.next/static/chunks';
console.log(`Compile hints: ${addCompileHints(dir)} client scripts in ${dir} marked for eager compilation.`);
