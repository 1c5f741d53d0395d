import { sql, type Column, type SQL } from 'drizzle-orm';

/** A column written by unnestRows: its name and the PostgreSQL type its text is cast to. */
export type UnnestColumn = readonly [name: string, type: string];

function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * `select … from unnest($1::text[], $2::text[], …)`: many rows for an insert with one parameter
 * per column. Drizzle builds a multi-row VALUES list parameter by parameter, which cost the batched
 * intake more CPU than the rest of a request; this costs the same for one row or a thousand.
 * Every value travels as text and is cast to its column's type in the database.
 */
export function unnestRows(columns: readonly UnnestColumn[], rows: readonly (readonly unknown[])[]): SQL {
  const arrays = columns.map((_, c) => sql`${sql.param(rows.map((row) => asText(row[c])))}::text[]`);
  const names = columns.map(([name]) => sql.identifier(name));
  const casts = columns.map(([name, type]) => sql`${sql.identifier(name)}::${sql.raw(type)}`);
  return sql`select ${sql.join(casts, sql`, `)} from unnest(${sql.join(arrays, sql`, `)}) as t(${sql.join(names, sql`, `)})`;
}

/** The column list of an insert, in the order of unnestRows' columns. */
export function columnList(columns: readonly UnnestColumn[]): SQL {
  return sql`(${sql.join(columns.map(([name]) => sql.identifier(name)), sql`, `)})`;
}

/** Rows from `returning *` of a raw query, mapped to the table's keys and types as drizzle's own queries return them. */
export function mapRows<T>(columns: Record<string, Column>, answer: unknown): T[] {
  const raw = rowsOf<Record<string, unknown>>(answer);
  const entries = Object.entries(columns);
  return raw.map((row) => {
    const mapped: Record<string, unknown> = {};
    for (const [key, column] of entries) {
      const value = row[column.name];
      mapped[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    return mapped as T;
  });
}

/** Rows of a raw query, whichever driver answered (postgres.js: an array; PGlite: { rows }). */
export function rowsOf<T>(answer: unknown): T[] {
  return (Array.isArray(answer) ? answer : (answer as { rows: T[] }).rows) as T[];
}
