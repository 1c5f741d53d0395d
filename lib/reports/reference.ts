import { randomInt } from 'node:crypto';
import { REF_ALPHABET, REF_LENGTH } from './ref-format';

/**
 * A new public reference like LUN-7K2Q9M (lib/reports/ref-format.ts): six random symbols, so they
 * cannot be guessed in sequence. 30^6 ≈ 729 million possibilities; a collision is retried by the
 * caller.
 */
export function generateRef(prefix: string): string {
  let code = '';
  for (let i = 0; i < REF_LENGTH; i++) code += REF_ALPHABET[randomInt(REF_ALPHABET.length)];
  return `${prefix}-${code}`;
}
