import { describe, expect, it } from 'vitest';
import { dateFromColumns, isoFromParts, parseDate } from '../src/dates.js';

describe('parseDate', () => {
  it('reads the common archive forms of one day', () => {
    const forms = ['2003-12-09', '2003/12/09', '2003/12/9', '2003.12.9', '2003年12月9日', '２００３年１２月９日', 'Dec. 9, 2003', 'December 9, 2003', 'Dec 9 2003', '9 December 2003', '9th Dec. 2003', '20031209', '平成15年12月9日', 'H15.12.9', '2003-12-09T10:30:00Z'];
    for (const f of forms) expect(parseDate(f), f).toBe('2003-12-09');
  });

  it('keeps coarser dates coarse', () => {
    expect(parseDate('2003')).toBe('2003');
    expect(parseDate('200312')).toBe('2003-12');
    expect(parseDate('2003-12')).toBe('2003-12');
    expect(parseDate('2003年12月')).toBe('2003-12');
    expect(parseDate('December 2003')).toBe('2003-12');
    expect(parseDate('平成元年')).toBe('1989');
    expect(parseDate('令和7年3月1日')).toBe('2025-03-01');
    expect(parseDate('昭和62年11月7日')).toBe('1987-11-07');
  });

  it('refuses impossible and non-dates', () => {
    for (const bad of ['', '2003-13-01', '2003-02-30', '20030230', 'Decimal 9, 2003', 'soon', '12/09/03', '平成0年1月1日', '2003年12月32日']) {
      expect(parseDate(bad), bad).toBeUndefined();
    }
    expect(parseDate('2004-02-29')).toBe('2004-02-29');
    expect(parseDate('2003-02-29')).toBeUndefined();
  });
});

describe('dateFromColumns', () => {
  it('joins year, month and an optional day', () => {
    expect(dateFromColumns('1987', '11', '7')).toBe('1987-11-07');
    expect(dateFromColumns('1987', '11')).toBe('1987-11');
    expect(dateFromColumns('1987', '11', 'NA')).toBe('1987-11');
    expect(dateFromColumns('1987', 'Nov', '7')).toBe('1987-11-07');
    expect(dateFromColumns('1987')).toBe('1987');
    expect(dateFromColumns('87', '11', '7')).toBeUndefined();
    expect(dateFromColumns('1987', '13', '7')).toBeUndefined();
    expect(dateFromColumns('1987', '', '7')).toBe('1987');
  });

  it('builds the same ISO date as isoFromParts for every day of a leap year', () => {
    for (let d = new Date(Date.UTC(2004, 0, 1)); d.getUTCFullYear() === 2004; d = new Date(d.getTime() + 86400000)) {
      const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
      expect(dateFromColumns(String(y), String(m), String(day))).toBe(d.toISOString().slice(0, 10));
      expect(isoFromParts(y, m, day)).toBe(d.toISOString().slice(0, 10));
    }
  });
});
