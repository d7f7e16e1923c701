/**
 * Dates as archives write them, turned into the ISO form documents carry (`YYYY-MM-DD`, `YYYY-MM`
 * or `YYYY`): ISO, `2003/12/09`, `2003.12.9`, `2003年12月9日`, Japanese eras (`平成15年12月9日`),
 * `Dec. 9, 2003`, `9 December 2003`, `20031209`, `200312`, and a date split over columns.
 * Full-width digits are read as digits. An impossible date (month 13, 31 February) is undefined.
 */

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** A month number from an English name or its abbreviation (`Dec`, `Dec.`, `Sept`), else undefined. */
function monthNamed(name: string): number | undefined {
  const n = name.replace(/\.$/, '').toLowerCase();
  if (n.length < 3) return undefined;
  const i = MONTH_NAMES.findIndex((full) => full.startsWith(n));
  return i < 0 ? undefined : i + 1;
}

/** First Gregorian year of each modern era: era year N is start + N − 1. */
const ERAS = new Map<string, number>([
  ['明治', 1868], ['大正', 1912], ['昭和', 1926], ['平成', 1989], ['令和', 2019],
  ['M', 1868], ['T', 1912], ['S', 1926], ['H', 1989], ['R', 2019],
]);

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Full-width digits and letters to ASCII, so `２００３年` reads like `2003年`. */
function halfWidth(s: string): string {
  return s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * An ISO date from numbers, or undefined when they do not make a real date. Month and day are
 * optional (a year alone, or a year and month, is a coarser date).
 *
 * @example
 * isoFromParts(2003, 12, 9); // '2003-12-09'
 */
export function isoFromParts(year: number, month?: number, day?: number): string | undefined {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) return undefined;
  if (month === undefined) return day === undefined ? String(year) : undefined;
  if (!Number.isInteger(month) || month < 1 || month > 12) return undefined;
  if (day === undefined) return `${year}-${pad(month)}`;
  if (!Number.isInteger(day) || day < 1 || day > daysIn(year, month)) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

function num(s: string | undefined): number | undefined {
  if (s === undefined || s === '') return undefined;
  return Number(s);
}

/**
 * Parse a date as archives write it into ISO form, or undefined when it is not a date.
 *
 * @example
 * parseDate('平成15年12月9日'); // '2003-12-09'
 * parseDate('Dec. 9, 2003');    // '2003-12-09'
 */
export function parseDate(input: string): string | undefined {
  const s = halfWidth(input).trim();
  if (s === '') return undefined;
  let m: RegExpExecArray | null;
  // ISO and its slash/dot cousins, optionally followed by a time.
  if ((m = /^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s))) {
    return isoFromParts(Number(m[1]), Number(m[2]), num(m[3]));
  }
  if ((m = /^(\d{4})$/.exec(s))) return isoFromParts(Number(m[1]));
  // Compact forms: 20031209, 200312.
  if ((m = /^(\d{4})(\d{2})(\d{2})?$/.exec(s))) return isoFromParts(Number(m[1]), Number(m[2]), num(m[3]));
  if ((m = /^(\d{4})\s*年\s*(?:(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日)?)?$/.exec(s))) {
    return isoFromParts(Number(m[1]), num(m[2]), num(m[3]));
  }
  // Japanese era: 平成15年12月9日, 平成元年, H15.12.9.
  if ((m = /^(明治|大正|昭和|平成|令和)\s*(元|\d{1,2})\s*年\s*(?:(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日)?)?$/.exec(s))) {
    const start = ERAS.get(m[1] as string) as number;
    const n = m[2] === '元' ? 1 : Number(m[2]);
    return n < 1 ? undefined : isoFromParts(start + n - 1, num(m[3]), num(m[4]));
  }
  if ((m = /^([MTSHR])\s*(\d{1,2})[./-](\d{1,2})(?:[./-](\d{1,2}))?$/i.exec(s))) {
    const start = ERAS.get((m[1] as string).toUpperCase()) as number;
    const n = Number(m[2]);
    return n < 1 ? undefined : isoFromParts(start + n - 1, Number(m[3]), num(m[4]));
  }
  // English: Dec. 9, 2003 / December 9 2003 / 9 December 2003 / December 2003.
  if ((m = /^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/.exec(s))) {
    const month = monthNamed(m[1] as string);
    return month === undefined ? undefined : isoFromParts(Number(m[3]), month, Number(m[2]));
  }
  if ((m = /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})$/.exec(s))) {
    const month = monthNamed(m[2] as string);
    return month === undefined ? undefined : isoFromParts(Number(m[3]), month, Number(m[1]));
  }
  if ((m = /^([A-Za-z]+)\.?,?\s+(\d{4})$/.exec(s))) {
    const month = monthNamed(m[1] as string);
    return month === undefined ? undefined : isoFromParts(Number(m[2]), month);
  }
  return undefined;
}

/**
 * A date split over columns (year, month, optional day) as ISO, or undefined when the parts do not
 * make a date. Empty or `NA` month/day parts give a coarser date.
 *
 * @example
 * dateFromColumns('1987', '11', '7'); // '1987-11-07'
 */
export function dateFromColumns(year: string | undefined, month?: string, day?: string): string | undefined {
  const clean = (v: string | undefined): string | undefined => {
    const t = v === undefined ? undefined : halfWidth(v).trim();
    return t === undefined || t === '' || /^(na|nan|null)$/i.test(t) ? undefined : t;
  };
  const y = clean(year);
  const mo = clean(month);
  const d = clean(day);
  if (y === undefined || !/^\d{4}$/.test(y)) return undefined;
  if (mo !== undefined && !/^\d{1,2}$/.test(mo)) {
    const named = monthNamed(mo);
    if (named === undefined) return undefined;
    return isoFromParts(Number(y), named, d === undefined ? undefined : Number(d));
  }
  if (d !== undefined && !/^\d{1,2}$/.test(d)) return undefined;
  return isoFromParts(Number(y), num(mo), mo === undefined ? undefined : num(d));
}
