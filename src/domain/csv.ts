// CSV cells and rows per RFC 4180, safe to open in Excel: a cell that starts with = + - @ (or a
// tab/carriage return) is prefixed with an apostrophe so spreadsheets never run it as a formula.
// Hand-written: papaparse's unparse quotes well but does not neutralise formulas the way we need.
export const CSV_BOM = '\uFEFF';

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = Array.isArray(value) ? value.join(';') : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvRow = (values: unknown[]): string => `${values.map(csvCell).join(',')}\r\n`;
