/**
 * What a public reference looks like (LUN-7K2Q9M): the city's prefix, a dash and six symbols from
 * an alphabet without look-alikes (no 0/O, 1/I/L, U), so they can be read out on the phone. No
 * server imports: the tracking form checks a reference in the browser with the same rule.
 */
export const REF_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const REF_LENGTH = 6;

const typed = new RegExp(`^([A-Z]{2,5})[\\s\\-‐‑‒–—]*([${REF_ALPHABET}]{${REF_LENGTH}})$`);

/**
 * Accepts what people type or copy: lower case, surrounding spaces, a space or another dash for
 * the hyphen, or none ("lun 7k2q9m", "LUN7K2Q9M", "LUN–7K2Q9M"). Null for anything else.
 */
export function normalizeRef(input: string): string | null {
  const match = typed.exec(input.trim().toUpperCase());
  return match ? `${match[1]}-${match[2]}` : null;
}

/**
 * The reference a page's path names. Next.js hands a page its segment still percent-encoded
 * ("LUN%E2%80%937K2Q9M"); a malformed escape ("%ff") names no report, as any other wrong text.
 */
export function refFromPathSegment(segment: string): string | null {
  try {
    return normalizeRef(decodeURIComponent(segment));
  } catch {
    return null;
  }
}

const bareSymbols = new RegExp(`^[${REF_ALPHABET}]{${REF_LENGTH}}$`);

/**
 * What a resident typed into the tracking form, read generously: besides normalizeRef's forms, a
 * pasted link to the report's page (…/track/LUN-7K2Q9M), quotes or a full stop around it (copied
 * from an e-mail or a sentence), and the six symbols alone, which get the city's prefix. Another
 * prefix is no reference of this portal (and "Kanaltreppe" no KANAL-TREPPE).
 */
export function refFromTyped(input: string, cityPrefix: string): string | null {
  let text = input.trim();
  const link = /\/track\/([^/?#\s]+)\/?(?:[?#]\S*)?$/i.exec(text);
  if (link) text = link[1];
  // Spaces anywhere ("LUN-DT7 H6K", read out in groups) are no part of a reference.
  text = text.replace(/^["'„“”‚‘’«»(<[]+/, '').replace(/["'„“”‚‘’«»)>\].,;:!?]+$/, '').replace(/\s+/g, '');
  const ref = normalizeRef(text);
  if (ref) return ref.startsWith(`${cityPrefix}-`) ? ref : null;
  const symbols = text.toUpperCase();
  return bareSymbols.test(symbols) ? `${cityPrefix}-${symbols}` : null;
}
