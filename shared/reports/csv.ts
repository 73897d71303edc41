/**
 * CSV as RFC 4180 writes it (comma separated, CRLF line ends, a field quoted
 * when it holds a comma, a quote, CR or LF, a quote doubled inside), with
 * the spreadsheet-formula guard OWASP recommends: a text cell that starts
 * with `=`, `+`, `-`, `@`, a tab or a CR is prefixed with `'` so a
 * spreadsheet shows it instead of running it. Numbers are written as numbers
 * (a negative growth stays −3, not text); they cannot carry a formula.
 */

export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A header row and the rows, CRLF after every record (the last one too, as RFC 4180 allows). */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
