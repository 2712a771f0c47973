import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from '../../src/domain/csv.ts';

describe('CSV encoding', () => {
  it('neutralises cells a spreadsheet would run as a formula', () => {
    for (const s of ['=SUM(A1)', '+1', '-2+3', '@cmd', '\tx']) expect(csvCell(s).replace(/^"|"$/g, '').startsWith("'")).toBe(true);
    expect(csvCell('广州=ok')).toBe('广州=ok');
  });

  it('quotes commas, quotes and line breaks so papaparse reads the exact text back', () => {
    const values = ['a,b', 'say "hi"', 'line\nbreak', ' padded ', '<b>html</b>', '广州市', null, 42, ['x', 'y']];
    const parsed = Papa.parse<string[]>(csvRow(values), { skipEmptyLines: true });
    expect(parsed.data[0]).toEqual(['a,b', 'say "hi"', 'line\nbreak', ' padded ', '<b>html</b>', '广州市', '', '42', 'x;y']);
  });
});
