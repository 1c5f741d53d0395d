/** The SQLSTATE of a database error (drizzle wraps the driver's error as its `cause`), if it is one. */
export function databaseErrorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}
