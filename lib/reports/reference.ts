import { randomInt } from 'node:crypto';

/**
 * Public references like LUN-7K2Q9M: six random symbols from an alphabet without look-alikes
 * (no 0/O, 1/I/L, U), so they can be read out on the phone and cannot be guessed in sequence.
 * 30^6 ≈ 729 million possibilities; a collision is retried by the caller.
 */
export const REF_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const REF_LENGTH = 6;

export function generateRef(prefix: string): string {
  let code = '';
  for (let i = 0; i < REF_LENGTH; i++) code += REF_ALPHABET[randomInt(REF_ALPHABET.length)];
  return `${prefix}-${code}`;
}

const refPattern = new RegExp(`^[A-Z]{2,5}-[${REF_ALPHABET}]{${REF_LENGTH}}$`);

/** Accepts what people type: lower case and surrounding spaces. */
export function normalizeRef(input: string): string | null {
  const ref = input.trim().toUpperCase();
  return refPattern.test(ref) ? ref : null;
}
