/**
 * Small formatting helpers shared by the report formats: percentages, gaps in percentage points,
 * HTML and CSV escaping.
 */

// Bidi controls and C0/C1 controls (except tab, newline, carriage return) would reorder or hide
// text in a browser: they are replaced by a visible, inert code-point label.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[&<>"']|[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

const ENTITIES = new Map<string, string>([
  ['&', '&amp;'],
  ['<', '&lt;'],
  ['>', '&gt;'],
  ['"', '&quot;'],
  ["'", '&#39;'],
]);

/**
 * Escape text for HTML content or a quoted attribute; control and bidi-override characters are
 * shown inert as `[U+202E]`.
 *
 * @example
 * escapeHtml('<b>"x" & \u202Ey'); // '&lt;b&gt;&quot;x&quot; &amp; [U+202E]y'
 */
export function escapeHtml(text: string): string {
  return text.replace(UNSAFE, (ch) => ENTITIES.get(ch) ?? `[U+${(ch.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}]`);
}

/**
 * A share as a percentage with one decimal.
 *
 * @example
 * pct(0.1234); // '12.3%'
 */
export function pct(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '–' : `${(x * 100).toFixed(1)}%`;
}

/**
 * A difference of shares in signed percentage points, one decimal.
 *
 * @example
 * pp(-0.05); // '-5.0'
 */
export function pp(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  const v = x * 100;
  const s = v.toFixed(1);
  return s === '-0.0' || s === '0.0' ? '0.0' : v > 0 ? `+${s}` : s;
}

/**
 * One CSV field: quoted when it holds a comma, quote or line break; a leading `= + - @` that a
 * spreadsheet would run as a formula is neutralised with a quote mark.
 *
 * @example
 * csvField('a,b'); // '"a,b"'
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let s = value;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Pad to a width on the right (or left for numbers-like cells).
 *
 * @example
 * pad('ab', 4); // 'ab  '
 */
export function pad(s: string, width: number, right = false): string {
  const fill = ' '.repeat(Math.max(0, width - s.length));
  return right ? fill + s : s + fill;
}

// The same controls as `UNSAFE`, without the HTML specials: for text set with textContent.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * Text made inert for display as text (the dashboard sets it with `textContent`): control and
 * bidi-override characters become a visible `[U+202E]` label; everything else is kept as written.
 *
 * @example
 * inertText('abc\u202Edef'); // 'abc[U+202E]def'
 */
export function inertText(text: string): string {
  return text.replace(CONTROLS, (ch) => `[U+${(ch.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}]`);
}
