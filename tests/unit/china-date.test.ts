// The China calendar: dates, months and the end of a day at UTC+8, on both sides of midnight.
import { describe, expect, it } from 'vitest';
import { chinaDate, chinaDateTime, currentMonthInChina, endOfChinaDay, startOfChinaDay } from '../../src/domain/china-date.ts';

describe('China dates (UTC+8)', () => {
  it('turns instants into China calendar dates and months', () => {
    expect(chinaDate(new Date('2021-12-31T15:59:59Z'))).toBe('2021-12-31');
    expect(chinaDate(new Date('2021-12-31T16:00:00Z'))).toBe('2022-01-01');
    expect(currentMonthInChina(new Date('2021-12-31T16:00:00Z'))).toBe(202201);
    expect(currentMonthInChina(new Date('2021-11-30T15:59:00Z'))).toBe(202111);
    // The same answer as the time-zone database gives for Asia/Shanghai.
    const at = new Date('2026-03-08T19:30:00Z');
    expect(chinaDate(at)).toBe(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at));
  });

  it('ends a China day at 16:00 UTC and refuses what is no date', () => {
    expect(endOfChinaDay('2022-03-01')).toBe('2022-03-01T16:00:00.000Z');
    expect(endOfChinaDay('2024-02-29')).toBe('2024-02-29T16:00:00.000Z');
    for (const bad of ['2022-3-1', '2022-02-30', '2023-02-29', 'yesterday', '']) expect(endOfChinaDay(bad)).toBeNull();
  });

  it('starts a China day at 16:00 UTC the day before and reads the China clock', () => {
    expect(startOfChinaDay('2022-01-01')).toBe('2021-12-31T16:00:00.000Z');
    expect(startOfChinaDay('2022-02-30')).toBeNull();
    expect(chinaDateTime(new Date('2021-12-31T16:05:00Z'))).toBe('2022-01-01T00:05:00.000');
    expect(chinaDateTime(new Date('2026-11-29T07:34:00Z')).slice(11, 16)).toBe('15:34');
  });
});
