/**
 * Cleaning: from the text as read (`doc.raw`) to the text that is segmented and coded (`doc.text`).
 * Removes page furniture (lone page numbers, running headers and footers), unwraps hard-wrapped
 * lines, rejoins paragraphs broken mid-sentence by a page break, and keeps a repeated paragraph
 * once. Every change is reported as a message with its place. Paragraphs are separated by one
 * blank line in the output; `\f` in the raw text marks page breaks and yields `doc.pages`.
 */
import { makeMessage } from './messages.js';
import type { Doc, Message, PageSpan, Place } from './types.js';

interface Line {
  text: string;
  page: number;
  /** 1-based line in the raw text. */
  line: number;
  removed: boolean;
}

interface Part {
  text: string;
  page: number;
}

interface Para {
  parts: Part[];
  page: number;
  line: number;
  /** Lines/paragraphs of other paragraphs glued onto this one (for the join messages). */
  joins: Array<{ page: number; line: number }>;
}

const BARE_PAGE = /^[0-9０-９]{1,3}$/u;
const DECORATED_PAGE = /^(?:[-–—‐－―]\s*[0-9０-９]{1,4}\s*[-–—‐－―]|(?:page|p\.|pg\.?)\s*[0-9]{1,4}(?:\s*(?:of|\/)\s*[0-9]{1,4})?|[0-9]{1,4}\s*(?:\/|of)\s*[0-9]{1,4}|[-－―]?\s*[0-9０-９]{1,4}\s*(?:ページ|頁)\s*[-－―]?)$/iu;
/** Characters that end a sentence or a quoted/bracketed one: after them no join. */
const FINAL = new Set([...'.!?。！？．”"’\')]」』）】〕…:：;；']);
const CJK = /[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/u;
const LOWER_START = /^\p{Ll}/u;
const JA_START = /^[\u3041-\u30ff\u3400-\u9fff\uf900-\ufaff\u3005]/u;

/**
 * Is this line a lone page number ("12", "- 12 -", "Page 3", "3 / 10", "12ページ")?
 *
 * @example
 * isPageNumber('- 12 -'); // true
 */
export function isPageNumber(line: string): boolean {
  const t = line.trim();
  return BARE_PAGE.test(t) || DECORATED_PAGE.test(t);
}

function headerKey(t: string): string {
  return t.replace(/[0-9０-９]+/gu, '#').replace(/\s+/gu, ' ');
}

/** A line that may be a running header/footer: short, has letters, not a sentence or speaker tag. */
function headerCandidate(t: string): boolean {
  if (t.length === 0 || t.length > 80) return false;
  if (!/\p{L}/u.test(t)) return false;
  const last = t[t.length - 1] ?? '';
  if (FINAL.has(last) && last !== ')' && last !== '）') return false;
  // Transcript speaker marks repeat by nature.
  if (/^[○◯◎●■□◆◇・]/u.test(t)) return false;
  return true;
}

/** The line without its trailing spaces, tabs, ideographic or no-break spaces (a loop: a regex anchored at the end retries at every space of a long line). */
function trimBlanksEnd(s: string): string {
  let e = s.length;
  for (; e > 0; e--) {
    const c = s.charCodeAt(e - 1);
    if (c !== 32 && c !== 9 && c !== 0x3000 && c !== 0xa0) break;
  }
  return e === s.length ? s : s.slice(0, e);
}

function isCjk(ch: string | undefined): boolean {
  return ch !== undefined && CJK.test(ch);
}

/** Weighted length: a CJK character carries about as much as two Latin letters. */
function weight(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) n += s.charCodeAt(i) >= 0x2e80 ? 2 : 1;
  return n;
}

function joiner(before: string, after: string): string {
  // A word hyphenated at a line end ("well-\nknown") keeps its hyphen and gets no space.
  if (/\p{L}-$/u.test(before) && LOWER_START.test(after)) return '';
  return isCjk(before[before.length - 1]) || isCjk(after[0]) ? '' : ' ';
}

function paraText(p: Para): string {
  return p.parts.map((x) => x.text).join('');
}

/** Should paragraph `b` continue `a` (a sentence broken by a page break or a stray blank line)? */
function continues(a: string, b: string, pageBreak: boolean): boolean {
  const last = a[a.length - 1];
  if (last === undefined || FINAL.has(last)) return false;
  if (LOWER_START.test(b)) return !isCjk(last);
  if (isCjk(last) && JA_START.test(b)) {
    // A short heading without 。 is not a broken paragraph, unless a page break split it.
    return pageBreak || a.includes('。') || weight(a) >= 80;
  }
  return false;
}

/**
 * Clean a document in place: set `doc.text` (and `doc.pages` when `doc.raw` has `\f` page breaks)
 * from `doc.raw`, and append one message per change. Returns the document.
 *
 * @example
 * const doc = clean(newDoc({ id: 'a', format: 'txt' }, 'It rose in Japan. Bush\n\n12\n\nadministration hawks agree.'));
 * doc.text; // 'It rose in Japan. Bush administration hawks agree.'
 */
export function clean(doc: Doc): Doc {
  const file = doc.meta.path ?? doc.meta.id;
  const at = (place: Place): Place => ({ file, ...place });
  const messages: Message[] = [];
  const raw = doc.raw.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
  const hasPages = raw.includes('\f');

  // 1. Lines with their page and raw line number; trailing blanks dropped.
  const lines: Line[] = [];
  const pageBreakBefore = new Set<number>();
  let lineNo = 1;
  let page = 1;
  for (const rawLine of raw.split('\n')) {
    const pieces = rawLine.split('\f');
    pieces.forEach((piece, i) => {
      if (i > 0) {
        page++;
        pageBreakBefore.add(lines.length);
      }
      // A form feed in mid-line still ends the page, so each piece is a line of its own.
      if (i === 0 || piece.trim() !== '') lines.push({ text: trimBlanksEnd(piece), page, line: lineNo, removed: false });
    });
    lineNo++;
  }
  const pageCount = page;
  const blank = (i: number): boolean => {
    const l = lines[i];
    return l === undefined || l.text.trim() === '';
  };
  const boundaryBefore = (i: number): boolean => i === 0 || pageBreakBefore.has(i) || blank(i - 1);
  const boundaryAfter = (i: number): boolean => i >= lines.length - 1 || pageBreakBefore.has(i + 1) || blank(i + 1);

  // Edge lines of each page: headers and footers live in the first and last three non-blank lines.
  const edge = new Set<number>();
  if (hasPages) {
    const byPage = new Map<number, number[]>();
    lines.forEach((l, i) => {
      if (l.text.trim() === '') return;
      const list = byPage.get(l.page) ?? [];
      list.push(i);
      byPage.set(l.page, list);
    });
    for (const list of byPage.values()) for (const i of [...list.slice(0, 3), ...list.slice(-3)]) edge.add(i);
  }

  // 2. Lone page numbers (a one-line document such as a survey answer "3" is content, not furniture).
  const contentLines = lines.reduce((n, l) => (l.text.trim() === '' ? n : n + 1), 0);
  lines.forEach((l, i) => {
    const t = l.text.trim();
    if (contentLines < 2 || t === '' || !isPageNumber(t)) return;
    const standalone = boundaryBefore(i) && boundaryAfter(i);
    if (!standalone && !(hasPages && edge.has(i))) return;
    l.removed = true;
    messages.push(makeMessage('clean', 'clean:page-number', 'info', `page number "${t}" removed`, at({ line: l.line, ...(hasPages ? { page: l.page } : {}) })));
  });

  // 3. Running headers and footers: the same short line (digits aside) 3+ times at page edges, or
  //    3+ times as a line of its own anywhere.
  const groups = new Map<string, number[]>();
  lines.forEach((l, i) => {
    if (l.removed) return;
    const t = l.text.trim();
    if (!headerCandidate(t)) return;
    const onEdge = hasPages && edge.has(i);
    if (!onEdge && !(boundaryBefore(i) && boundaryAfter(i))) return;
    const key = headerKey(t);
    const list = groups.get(key) ?? [];
    list.push(i);
    groups.set(key, list);
  });
  for (const list of groups.values()) {
    const pagesSeen = new Set(list.map((i) => lines[i]?.page));
    if (pagesSeen.size < 3 && list.length < 3) continue;
    for (const i of list) {
      const l = lines[i];
      if (l) l.removed = true;
    }
    const first = lines[list[0] ?? 0];
    if (first) {
      messages.push(makeMessage('clean', 'clean:running-header', 'info', `running header or footer "${first.text.trim()}" removed (${list.length} times)`, at({ line: first.line, ...(hasPages ? { page: first.page } : {}) })));
    }
  }

  // 4. Paragraphs (blank lines and page breaks separate them), with hard-wrapped lines unwrapped.
  const paras: Array<Para & { pageBreak: boolean }> = [];
  let cur: (Para & { pageBreak: boolean }) | undefined;
  let sawBreak = false;
  lines.forEach((l, i) => {
    if (pageBreakBefore.has(i)) {
      cur = undefined;
      sawBreak = true;
    }
    if (l.removed) return;
    const t = l.text.trim();
    if (t === '') {
      cur = undefined;
      return;
    }
    if (cur === undefined) {
      cur = { parts: [{ text: t, page: l.page }], page: l.page, line: l.line, joins: [], pageBreak: sawBreak };
      sawBreak = false;
      paras.push(cur);
      return;
    }
    const prev = cur.parts[cur.parts.length - 1] as Part;
    const sep = joiner(prev.text, t);
    if (sep) prev.text += sep;
    cur.parts.push({ text: t, page: l.page });
  });

  // 5. Rejoin paragraphs broken mid-sentence.
  const joined: Para[] = [];
  let lastText = '';
  for (const p of paras) {
    const prev = joined[joined.length - 1];
    const text = paraText(p);
    if (prev && continues(lastText, text, p.pageBreak)) {
      const tail = prev.parts[prev.parts.length - 1] as Part;
      const sep = joiner(lastText, text);
      if (sep) tail.text += sep;
      prev.parts.push(...p.parts);
      prev.joins.push({ page: p.page, line: p.line });
      lastText = lastText + sep + text;
      continue;
    }
    joined.push({ parts: p.parts, page: p.page, line: p.line, joins: [] });
    lastText = text;
  }

  // 6. A paragraph repeated verbatim is kept once; short ones (a "Yes." in a transcript) repeat legitimately.
  const kept: Para[] = [];
  const firstAt = new Map<string, number>();
  for (const p of joined) {
    // Only runs of 2+ spaces and other blanks need rewriting: far faster than /\s+/ on huge paragraphs.
    const key = paraText(p).replace(/\s{2,}|[^\S ]/g, ' ').trim();
    const idx = weight(key) >= 40 ? firstAt.get(key) : undefined;
    if (idx !== undefined) {
      messages.push(makeMessage('clean', 'clean:repeated-paragraph', 'warning', `paragraph repeated verbatim (line ${p.line}), kept once as paragraph ${idx + 1}`, at({ paragraph: idx, line: p.line, ...(hasPages ? { page: p.page } : {}) })));
      continue;
    }
    if (weight(key) >= 40) firstAt.set(key, kept.length);
    kept.push(p);
  }

  // 7. Output text, page spans and the join messages (with final paragraph indices).
  let text = '';
  const spans = new Map<number, { start: number; end: number }>();
  kept.forEach((p, index) => {
    if (index > 0) text += '\n\n';
    for (const part of p.parts) {
      const start = text.length;
      text += part.text;
      const s = spans.get(part.page);
      if (s) s.end = text.length;
      else spans.set(part.page, { start, end: text.length });
    }
    for (const j of p.joins) {
      messages.push(makeMessage('clean', 'clean:page-break-join', 'info', 'paragraph broken mid-sentence rejoined', at({ paragraph: index, line: j.line, ...(hasPages ? { page: j.page } : {}) })));
    }
  });
  // Trailing whitespace inside a part (a joiner) belongs to the text but not to the span's sense; fine.
  const pages: PageSpan[] = [];
  if (hasPages) {
    let pos = 0;
    for (let pg = 1; pg <= pageCount; pg++) {
      const s = spans.get(pg);
      if (s) {
        pages.push({ page: pg, start: s.start, end: s.end });
        pos = s.end;
      } else pages.push({ page: pg, start: pos, end: pos });
    }
  }

  doc.text = text;
  doc.pages = pages;
  doc.messages.push(...messages);
  return doc;
}
