/**
 * Numbers as people type and read them in a form field: with a decimal point or, as Germans and
 * Turks write them, a comma. Used by the forms (in the browser) and their schemas (on the server),
 * so both read the same text as the same number.
 */

const DECIMAL = /^-?(?:\d+(?:[.,]\d*)?|[.,]\d+)$/;

/**
 * "1,5", "1.5", "-7", ".5" → the number; anything else ("", "1e3", "0x10", "1.000,5") → NaN.
 * No thousands separators: no field here takes numbers that large.
 */
export function parseDecimal(text: string): number {
  const trimmed = text.trim();
  return DECIMAL.test(trimmed) ? Number(trimmed.replace(',', '.')) : Number.NaN;
}

/**
 * Two numbers pasted into one field, as maps copy a place: "51.6139, 7.5231", "51.6139,7.5231",
 * "51,6139; 7,5231" or "51,6139 7,5231" → the two as typed; anything else → null. A comma between
 * the two needs a space after it or dots as decimal marks, lest "51,6139" read as two numbers.
 */
export function splitDecimalPair(text: string): [string, string] | null {
  const trimmed = text.trim();
  const match = /^(\S+?)\s*(?:;\s*|,\s+|\s+)(\S+)$/.exec(trimmed) ?? /^(-?\d*\.\d+),(-?\d*\.\d+)$/.exec(trimmed);
  const pair: [string, string] | null = match && [match[1], match[2]];
  return pair?.every((part) => Number.isFinite(parseDecimal(part))) ? pair : null;
}

/**
 * A number as a form field shows it: in the language's notation, with every digit it has and no
 * grouping, so that saving the form unchanged reads back the same number.
 */
export function formatDecimal(value: number, locale: string): string {
  return value.toLocaleString(locale, { useGrouping: false, maximumFractionDigits: 20 });
}

/**
 * A coordinate as people read it, in the language's notation with a fixed number of decimals (4:
 * about 10 m; 5: about 1 m). A German screen reader reads "51.6100" as a number in the
 * thousands; "51,6100" it reads as a decimal. Files for other systems keep the decimal point.
 */
export function formatCoordinate(value: number, locale: string, decimals = 4): string {
  return value.toLocaleString(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals, useGrouping: false });
}
