/**
 * CSV after RFC 4180 (comma, CRLF, quotes doubled), safe to open in a spreadsheet: a text cell
 * that starts with = + - @ (or a tab or CR) would be read as a formula, so it gets a leading
 * single quote (OWASP "CSV injection"). Numbers are written as they are.
 */
export type CsvValue = string | number | null;

const formulaStart = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: string[], rows: CsvValue[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
