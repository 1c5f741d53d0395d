import { sql, type Column, type SQL } from 'drizzle-orm';
import type { Db } from './client';

/** A column written by unnestRows: its name and the PostgreSQL type its text is cast to. */
export type UnnestColumn = readonly [name: string, type: string];

/**
 * Column `c` of `rows` as a PostgreSQL array literal of texts: `{"a","b\\"c",NULL,1.5}`. Built in
 * one pass, since a batch's few hundred rows of sums make thousands of elements. Numbers go unquoted
 * (they hold no quote or backslash), times as ISO 8601, objects as JSON.
 */
function columnLiteral(rows: readonly (readonly unknown[])[], c: number): string {
  let literal = '{';
  for (let r = 0; r < rows.length; r++) {
    if (r > 0) literal += ',';
    const value = rows[r][c];
    if (value === null || value === undefined) literal += 'NULL';
    else if (typeof value === 'number') literal += String(value);
    else {
      const text = value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
      literal += `"${text.replace(/["\\]/g, '\\$&')}"`;
    }
  }
  return `${literal}}`;
}

/**
 * `select … from unnest($1::text[], $2::text[], …)`: many rows for an insert with one parameter
 * per column. Drizzle builds a multi-row VALUES list parameter by parameter, which cost the batched
 * intake more CPU than the rest of a request; this costs the same for one row or a thousand.
 * Every value travels as text and is cast to its column's type in the database. Each array goes as
 * one literal string: the drivers would otherwise inspect and escape it element by element.
 */
export function unnestRows(columns: readonly UnnestColumn[], rows: readonly (readonly unknown[])[]): SQL {
  const { casts, names } = shapeOf(columns);
  const arrays = columns.map((_, c) => sql`${sql.param(columnLiteral(rows, c))}::text[]`);
  return sql`select ${casts} from unnest(${sql.join(arrays, sql`, `)}) as t(${names})`;
}

/** The column list of an insert, in the order of unnestRows' columns. */
export function columnList(columns: readonly UnnestColumn[]): SQL {
  return sql`(${columnNames(columns)})`;
}

/** The columns' names, quoted and separated by commas (for a select list). */
export function columnNames(columns: readonly UnnestColumn[]): SQL {
  return shapeOf(columns).names;
}

/**
 * The fixed text of unnestRows' statement for a set of columns, built once: drizzle walks every
 * piece of a query each time it runs, and a table of sums has forty columns.
 */
const shapes = new Map<string, { casts: SQL; names: SQL }>();
const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

function shapeOf(columns: readonly UnnestColumn[]) {
  const key = columns.map(([name, type]) => `${name} ${type}`).join(',');
  let shape = shapes.get(key);
  if (!shape) {
    shape = {
      casts: sql.raw(columns.map(([name, type]) => `${quoted(name)}::${type}`).join(', ')),
      names: sql.raw(columns.map(([name]) => quoted(name)).join(', ')),
    };
    shapes.set(key, shape);
  }
  return shape;
}

/**
 * `insert into table (columns) <rows> on conflict (keys) do update`, adding to a table of sums: new
 * keys are inserted, existing ones get the values of `summed` added (`newest_at` the later of both;
 * other columns keep their value). `rows` is a query with the columns in that order.
 */
export function addingInsert(table: string, keys: readonly string[], columns: readonly string[], summed: readonly string[], rows: SQL): SQL {
  const set = [
    ...summed.map((c) => `${c} = ${table}.${c} + excluded.${c}`),
    ...(columns.includes('newest_at') ? [`newest_at = greatest(${table}.newest_at, excluded.newest_at)`] : []),
  ];
  return sql`insert into ${sql.identifier(table)} (${sql.raw(columns.map(quoted).join(', '))}) ${rows} on conflict (${sql.raw(keys.join(', '))}) do update set ${sql.raw(set.join(', '))}`;
}

/**
 * Adds rows to a table of sums (`addingInsert`) in one statement with one parameter per column
 * (`unnestRows`): a multi-row VALUES list of a batch's few hundred rows cost more than the rest of
 * the write.
 */
export async function upsertAdding(tx: Db, table: string, keys: readonly string[], columns: readonly UnnestColumn[], summed: readonly string[], rows: readonly (readonly unknown[])[]) {
  if (rows.length === 0) return;
  // In key order, so that concurrent writers lock the rows alike and do not deadlock each other.
  const keyIndexes = keys.map((key) => columns.findIndex(([name]) => name === key));
  const ordered = [...rows].sort((a, b) => {
    for (const i of keyIndexes) {
      const [x, y] = [a[i] as string | number, b[i] as string | number];
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  });
  await tx.execute(addingInsert(table, keys, columns.map(([name]) => name), summed, unnestRows(columns, ordered)));
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
