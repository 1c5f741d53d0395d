/**
 * PostgreSQL's text cannot hold U+0000: a string with it makes the query fail. Every boundary that
 * passes text to the database refuses it with a validation error instead of answering 500.
 */
export function withoutNul(value: string): boolean {
  return !value.includes('\u0000');
}
