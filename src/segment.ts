/**
 * Segmentation: paragraphs and sentences of the cleaned text, as offsets into `doc.text`.
 * One linear regex scan per paragraph handles English (abbreviations, initials, closing quotes)
 * and Japanese (。！？, line breaks, never inside 「」『』（）) in the same pass, so mixed text works.
 */
import type { Doc, Sentence } from './types.js';

/** A sentence span: `text.slice(start, end)`, trimmed of whitespace. */
export interface Span {
  start: number;
  end: number;
}

/** Words that take a period and do not end a sentence ("Mr.", "Sept. 11", "No. 1"). */
const ABBREVIATIONS: ReadonlySet<string> = new Set([
  'Mr', 'Mrs', 'Ms', 'Mx', 'Messrs', 'Mmes', 'Dr', 'Prof', 'Sr', 'Jr', 'St', 'Mt', 'Ft', 'Rev', 'Hon', 'Fr',
  'Gen', 'Lt', 'Col', 'Maj', 'Capt', 'Cmdr', 'Cdr', 'Sgt', 'Cpl', 'Pvt', 'Adm', 'Brig', 'Gov', 'Sen', 'Rep', 'Reps', 'Sens', 'Pres', 'Amb', 'Supt', 'Insp',
  'No', 'Nos', 'no', 'Vol', 'vol', 'Fig', 'fig', 'Art', 'art', 'Sec', 'sec', 'Ch', 'ch', 'pp', 'p', 'para', 'op', 'cit', 'ibid', 'Ibid',
  'Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec',
  'vs', 'v', 'cf', 'viz', 'approx', 'ca', 'est', 'al',
]);

/** Words that begin a new sentence after an initialism ("... with the U.S. Even though ..."). */
const STARTERS: ReadonlySet<string> = new Set([
  'The', 'This', 'That', 'These', 'Those', 'It', 'Its', 'In', 'On', 'At', 'But', 'And', 'Or', 'So', 'Yet', 'However', 'We', 'They', 'He', 'She', 'I',
  'A', 'An', 'There', 'Even', 'If', 'When', 'While', 'What', 'Why', 'How', 'Many', 'Most', 'Some', 'Such', 'Still', 'Nor', 'As', 'Both', 'Neither',
  'Now', 'Then', 'Meanwhile', 'Moreover', 'Indeed', 'Instead', 'Yes', 'No', 'After', 'Before', 'Although', 'Though', 'Since', 'For', 'To', 'Our', 'Their', 'His', 'Her', 'My',
]);

/** Candidates a paragraph is scanned for: terminators, line breaks and brackets. */
const CANDIDATES = /[.!?。！？．\n「」『』（）()]/g;

const CJK_TERMINATOR = new Set(['。', '！', '？', '．']);
const OPEN_JA = new Set(['「', '『', '（']);
const CLOSE_JA = new Set(['」', '』', '）']);
/** What may follow a terminator and still belong to its sentence. */
const CLOSERS = new Set(['"', "'", '”', '’', ')', ']', '」', '』', '）', '】', '》', '〉']);
const OPENERS = new Set(['"', "'", '“', '‘', '(', '[', '「', '『', '（', '【']);
/** After 。」 or 。） a particle continues the sentence (「…だ。」と述べた, (…。)は). */
const QUOTE_PARTICLES = new Set(['と', 'っ', 'は', 'が', 'を', 'に', 'で', 'の', 'や', 'へ', 'な', '、', '，']);
/** An unclosed bracket longer than this is taken to be stray, so it cannot swallow a whole text. */
const MAX_BRACKET = 2000;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c === 0x0c || c === 0x0b || c === 0xa0 || c === 0x3000 || c === 0x2028 || c === 0x2029;
}

function isCjkCode(c: number): boolean {
  return (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || c === 0x3005;
}

function isLetterCode(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

function isUpperStart(text: string, k: number): boolean {
  const c = text.charCodeAt(k);
  if (c >= 0x41 && c <= 0x5a) return true;
  if (OPENERS.has(text[k] ?? '')) return true;
  if (c >= 0x30 && c <= 0x39) return true;
  if (c < 0x80) return false;
  const ch = String.fromCodePoint(text.codePointAt(k) ?? c);
  return /\p{Lu}/u.test(ch) || isCjkCode(c) || OPENERS.has(ch);
}

/** Is the period at `i` the end of an abbreviation that never ends a sentence? */
function abbreviationAt(text: string, i: number, from: number, next: number, to: number): boolean {
  let b = i;
  while (b > from && b > i - 24) {
    const c = text.charCodeAt(b - 1);
    if (isLetterCode(c) || c === 0x2e) b--;
    else break;
  }
  const token = text.slice(b, i);
  if (token === '') return false;
  if (ABBREVIATIONS.has(token)) return true;
  // Initials and initialisms: "J. Smith", "U.S.", "e.g.", "i.e.".
  const initialism = /^(?:\p{L}\.)+\p{L}$/u.test(token) || /^\p{Lu}$/u.test(token);
  if (!initialism) return false;
  // ...unless a plain sentence starter follows: "ties with the U.S. The view differs."
  let e = next;
  while (e < to && e < next + 16 && isLetterCode(text.charCodeAt(e))) e++;
  return !STARTERS.has(text.slice(next, e)) || token.length === 1;
}

function push(text: string, start: number, end: number, out: Span[]): void {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  if (end > start) out.push({ start, end });
}

/** Scan `text[from, to)` (one paragraph) and append its sentence spans to `out`. */
function scan(text: string, from: number, to: number, ja: boolean, out: Span[]): void {
  const re = new RegExp(CANDIDATES.source, 'g');
  let start = from;
  let depth = 0;
  let openedAt = 0;
  re.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null && m.index < to) {
    const i = m.index;
    const ch = m[0];
    if (OPEN_JA.has(ch) || (ja && ch === '(')) {
      if (depth === 0) openedAt = i;
      depth++;
      continue;
    }
    if (CLOSE_JA.has(ch) || (ja && ch === ')')) {
      // A stray closing bracket must not push the counter below zero.
      if (depth > 0) depth--;
      if (depth === 0 && i > from && CJK_TERMINATOR.has(text[i - 1] ?? '') && i + 1 < to && !QUOTE_PARTICLES.has(text[i + 1] ?? '')) {
        let j = i + 1;
        while (j < to && CLOSERS.has(text[j] ?? '')) j++;
        push(text, start, j, out);
        start = j;
        re.lastIndex = j;
      }
      continue;
    }
    if (depth > 0) {
      if (i - openedAt <= MAX_BRACKET) continue;
      depth = 0;
    }
    if (ch === '\n') {
      if (ja) {
        push(text, start, i, out);
        start = i + 1;
      }
      continue;
    }
    if (CJK_TERMINATOR.has(ch)) {
      // A full-width period between digits is a decimal point.
      if (ch === '．' && /[0-9０-９]/u.test(text[i + 1] ?? '')) continue;
      let j = i + 1;
      while (j < to && (CJK_TERMINATOR.has(text[j] ?? '') || text[j] === '!' || text[j] === '?' || CLOSERS.has(text[j] ?? ''))) j++;
      push(text, start, j, out);
      start = j;
      re.lastIndex = j;
      continue;
    }
    // ASCII . ! ? : the end of a sentence only before whitespace and a capital, digit, quote or CJK.
    let j = i + 1;
    while (j < to) {
      const c = text[j] ?? '';
      if (c === '.' || c === '!' || c === '?' || CLOSERS.has(c)) j++;
      else break;
    }
    // Japanese written with half-width ! ? runs straight on: なるほど!?はい。
    if (ja && ch !== '.' && j < to && isCjkCode(text.charCodeAt(j))) {
      push(text, start, j, out);
      start = j;
      re.lastIndex = j;
      continue;
    }
    let k = j;
    while (k < to && isSpace(text.charCodeAt(k))) k++;
    if (k >= to || k === j) {
      re.lastIndex = j;
      continue;
    }
    if (!isUpperStart(text, k)) {
      re.lastIndex = j;
      continue;
    }
    if (ch === '.' && (j === i + 1 || CLOSERS.has(text[i + 1] ?? '')) && abbreviationAt(text, i, from, k, to)) {
      re.lastIndex = j;
      continue;
    }
    push(text, start, j, out);
    start = k;
    re.lastIndex = k;
  }
  push(text, start, to, out);
}

/** Longest paragraph read as a headline (newspaper headlines run to about 60 characters). */
const HEADLINE_MAX = 80;

/** One line with no 。 and no Latin sentence break: a Japanese headline convention. */
function isHeadline(text: string, from: number, to: number): boolean {
  const t = text.slice(from, to);
  return !/[。\n]/.test(t) && !/[.!?]\s/.test(t);
}

/**
 * Split one paragraph into sentence spans (offsets into `text`, whitespace trimmed). `lang` `ja`
 * also splits at line breaks and treats ASCII parentheses as brackets.
 *
 * @example
 * splitSentences('Mr. Abe met Gen. Smith on Dec. 9. They agreed.', 'en'); // [{start:0,end:33},{start:34,end:46}]
 */
export function splitSentences(text: string, lang: string): Span[] {
  const out: Span[] = [];
  scan(text, 0, text.length, lang === 'ja', out);
  return out;
}

const PARAGRAPH_BREAK = /\n[ \t\u3000\u00a0\r]*\n/g;
const KANA = /[\u3040-\u30ff]/;

/**
 * Fill `doc.paragraphs` and `doc.sentences` from `doc.text` (paragraphs are separated by blank
 * lines); each sentence carries its paragraph and, when the document has pages, its page.
 *
 * @example
 * segment(newDoc({ id: 'a', format: 'txt' }, 'One. Two.\n\nThree.')).sentences.length; // 3
 */
export function segment(doc: Doc): Doc {
  const text = doc.text;
  const paragraphs: Doc['paragraphs'] = [];
  const sentences: Sentence[] = [];
  const pages = doc.pages;
  let pageIdx = 0;
  const pageOf = (offset: number): number | undefined => {
    if (pages.length === 0) return undefined;
    // Sentences come in order, so the page pointer only moves forward.
    while (pageIdx + 1 < pages.length && (pages[pageIdx + 1]?.start ?? Infinity) <= offset && (pages[pageIdx]?.end ?? 0) <= offset) pageIdx++;
    return pages[pageIdx]?.page;
  };
  const docJa = doc.meta.lang === 'ja';
  const addParagraph = (from: number, to: number): void => {
    while (from < to && isSpace(text.charCodeAt(from))) from++;
    while (to > from && isSpace(text.charCodeAt(to - 1))) to--;
    if (to <= from) return;
    const index = paragraphs.length;
    paragraphs.push({ index, start: from, end: to });
    const ja = docJa || KANA.test(text.slice(from, Math.min(to, from + 2000)));
    const spans: Span[] = [];
    // A short Japanese line with no 。 is a headline: its ？！ and ． (ｖｓ．) do not end it.
    if (ja && to - from <= HEADLINE_MAX && isHeadline(text, from, to)) spans.push({ start: from, end: to });
    else scan(text, from, to, ja, spans);
    for (const s of spans) {
      const sentence: Sentence = { index: sentences.length, paragraph: index, start: s.start, end: s.end, text: text.slice(s.start, s.end) };
      const page = pageOf(s.start);
      if (page !== undefined) sentence.page = page;
      sentences.push(sentence);
    }
  };
  const re = new RegExp(PARAGRAPH_BREAK.source, 'g');
  let from = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    addParagraph(from, m.index);
    from = m.index + m[0].length;
  }
  addParagraph(from, text.length);
  doc.paragraphs = paragraphs;
  doc.sentences = sentences;
  return doc;
}
