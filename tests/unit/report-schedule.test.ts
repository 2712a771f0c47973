// The schedule rule: the previous period once its day has come, each period once.
import { describe, expect, it } from 'vitest';
import { duePeriod, type ReportSchedule } from '../../src/domain/monitoring/reports.ts';

const monthly = (over: Partial<ReportSchedule> = {}) => ({ kind: 'month' as const, day: 10, enabled: true, lastPeriod: null, ...over });

describe('report schedules', () => {
  it('makes the previous month from the chosen day on, once', () => {
    expect(duePeriod(monthly(), '2026-11-09')).toBeNull();
    expect(duePeriod(monthly(), '2026-11-10')).toBe('2026-10');
    expect(duePeriod(monthly(), '2026-11-29')).toBe('2026-10');
    expect(duePeriod(monthly({ lastPeriod: '2026-10' }), '2026-11-29')).toBeNull();
    expect(duePeriod(monthly({ lastPeriod: '2026-09' }), '2026-11-10')).toBe('2026-10');
    expect(duePeriod(monthly(), '2027-01-10')).toBe('2026-12');
    expect(duePeriod(monthly({ enabled: false }), '2026-11-10')).toBeNull();
  });

  it('makes a quarter in the month after it ends, and a year in January', () => {
    const quarterly = monthly({ kind: 'quarter' });
    expect(duePeriod(quarterly, '2026-10-10')).toBe('2026-Q3');
    expect(duePeriod(quarterly, '2026-11-10')).toBeNull();
    expect(duePeriod(quarterly, '2027-01-15')).toBe('2026-Q4');
    expect(duePeriod({ ...quarterly, lastPeriod: '2026-Q4' }, '2027-01-15')).toBeNull();
    const yearly = monthly({ kind: 'year', day: 20 });
    expect(duePeriod(yearly, '2027-01-19')).toBeNull();
    expect(duePeriod(yearly, '2027-01-20')).toBe('2026');
    expect(duePeriod(yearly, '2027-02-20')).toBeNull();
  });
});
