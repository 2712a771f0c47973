// The calendar of Guangzhou: China Standard Time is UTC+8 all year (no daylight saving since 1991),
// so a fixed offset is exact and needs no time-zone database. Every "today", "end of the day" and
// "this month" in the project (server, app, imports, exports, reports) comes from here.
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The calendar date in China at an instant, YYYY-MM-DD. */
export const chinaDate = (at: Date = new Date()): string => new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);

/** The wall-clock time in China at an instant, YYYY-MM-DDTHH:MM:SS.sss (no zone suffix: it is China's). */
export const chinaDateTime = (at: Date): string => new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 23);

/** Today in China, YYYY-MM-DD. */
export const todayInChina = (): string => chinaDate();

/** The current month in China as YYYYMM (the month key of operating figures). */
export function currentMonthInChina(at: Date = new Date()): number {
  const d = chinaDate(at);
  return Number(d.slice(0, 4)) * 100 + Number(d.slice(5, 7));
}

/** The instant a China day (YYYY-MM-DD) starts, ISO 8601 UTC; null when the text is not a real date. */
export function startOfChinaDay(date: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const t = Date.parse(`${date}T00:00:00+08:00`);
  if (Number.isNaN(t) || chinaDate(new Date(t)) !== date) return null;
  return new Date(t).toISOString();
}

/** The instant a China day (YYYY-MM-DD) ends, ISO 8601 UTC; null when the text is not a real date. */
export function endOfChinaDay(date: string): string | null {
  const start = startOfChinaDay(date);
  return start === null ? null : new Date(Date.parse(start) + 86_400_000).toISOString();
}
