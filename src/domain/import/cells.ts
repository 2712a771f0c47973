// Reading one cell of an uploaded table: text, numbers as people type them in Chinese spreadsheets
// (thousands separators, full-width digits), and a folding of headers and labels so that Simplified,
// Traditional and full-width spellings compare equal.
import type { SourceRow } from './import-types.ts';

export type Cell = SourceRow['cells'][string];

// Traditional → Simplified for the characters of our headers and taxonomy labels (a full converter
// is a large dictionary; this table covers the vocabulary we match against, and
// tests/unit/import-mapping.test.ts checks it folds every zh-Hant label onto its zh-Hans twin).
// Pairs of characters: Traditional, then Simplified.
const TRAD_SIMP =
  '廣广進进製制業业強强動动計计劃划級级國国車车網网聯联視视頻频顯显與与關关鍵键屬属電电費费綠绿時时飾饰燈灯響响妝妆裝装備备機机軌轨醫医藥药學学現现療疗億亿虛虚擬拟實实幹干細细氫氢區区塊块鏈链茲兹個个資资質质榮荣譽誉規规單单兩两專专隱隐軍军項项' +
  '術术點点萬万類类轉转換换啟启產产龍龙頭头導导創创務务臺台畝亩稅税灣湾雲云黃黄從从稱称統统會会碼码經经緯纬營营標标籤签簽签員员數数別别號号積积築筑來来態态職职總总額额編编縣县鎮镇門门場场體体際际準准範范結结據据證证況况狀状試试園园廠厂間间處处納纳銷销東东頃顷';
const toSimp = new Map<string, string>();
for (let i = 0; i + 1 < TRAD_SIMP.length; i += 2) toSimp.set(TRAD_SIMP[i], TRAD_SIMP[i + 1]);

/** Simplified spelling of a string, as far as the table above knows. */
export function toSimplified(s: string): string {
  let out = '';
  for (const ch of s) out += toSimp.get(ch) ?? ch;
  return out;
}

/**
 * A comparison key: full-width folded (NFKC), Simplified, lower case, without spaces, underscores,
 * hyphens, dots, quotes or brackets. 'Credit_Code', 'credit code' and 'creditCode' share a key, as do
 * 企業名稱 and 企业名称.
 */
export function foldKey(s: string): string {
  return toSimplified(s.normalize('NFKC').toLowerCase()).replace(/[\s_\-.·•'"“”‘’()[\]{}<>《》【】]/g, '');
}

/** Trimmed text of a cell; '' for an empty one. */
export function cellText(v: Cell | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return v.trim();
}

export type NumberResult = { ok: true; value: number } | { ok: false; empty: boolean };

const PLAIN = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;

/**
 * A number from a cell: a spreadsheet number, or text such as '1,234.5', '１２３４．５' (full width)
 * or '1 234.5'. Anything else (units, words, two numbers) is not a number: the caller names the value.
 */
export function parseNumber(v: Cell | undefined): NumberResult {
  if (typeof v === 'number') return Number.isFinite(v) ? { ok: true, value: v } : { ok: false, empty: false };
  const text = cellText(v);
  if (!text) return { ok: false, empty: true };
  if (typeof v === 'boolean') return { ok: false, empty: false };
  // NFKC turns full-width digits, signs, commas and the full-width full stop into ASCII; 。 is not
  // folded by NFKC but is typed for a decimal point on Chinese keyboards.
  let s = text.normalize('NFKC').replace(/。/g, '.').replace(/[\s\u00a0]/g, '');
  if (GROUPED.test(s)) s = s.replace(/,/g, '');
  if (!PLAIN.test(s)) return { ok: false, empty: false };
  const value = Number(s);
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, empty: false };
}

/** The cell as quoted in an error message: text in quotes, shortened when long. */
export function quote(v: Cell | undefined): string {
  const t = typeof v === 'string' ? v : cellText(v);
  return JSON.stringify(t.length > 60 ? `${t.slice(0, 57)}...` : t);
}

/** Round to a number of decimals (coordinates to 7, about 1 cm). */
export function round(x: number, decimals: number): number {
  const k = 10 ** decimals;
  return Math.round(x * k) / k;
}
