/**
 * PDF: the text layer read with pdfjs-dist, put in reading order page by page (columns found from
 * where lines start, full-width lines cutting the page into bands), words hyphenated at line ends
 * rejoined, running headers, footers and page numbers that repeat across pages removed. Pages are
 * separated by `\f` so that the cleaner rejoins paragraphs across page breaks and sets `doc.pages`.
 * Encrypted, image-only and corrupt files are one clear message each.
 */
import { makeMessage } from '../messages.js';
import type { Doc, Message } from '../types.js';
import { newDoc } from './doc.js';
import type { Extractor, RawInput, ReadOptions } from './types.js';

/** One run of text on a page, in PDF user space (y grows upwards). */
interface Frag {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
}

/** A page's text lines in reading order, with the page geometry they came from. */
interface PageLines {
  lines: Frag[];
  height: number;
  bottom: number;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsPromise: Promise<PdfJs> | undefined;

/** pdfjs is large: load it on the first PDF only. */
function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsPromise;
}

const CJK = /[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/u;

function needsSpace(a: string, b: string): boolean {
  const x = a[a.length - 1];
  const y = b[0];
  if (x === undefined || y === undefined || /\s/u.test(x) || /\s/u.test(y)) return false;
  return !(CJK.test(x) || CJK.test(y));
}

/** Merge text items on the same baseline that touch into fragments (a line of one column). */
function fragments(items: Frag[]): Frag[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x0 - b.x0);
  const out: Frag[] = [];
  for (const it of sorted) {
    const last = out[out.length - 1];
    const tol = Math.max(1, Math.min(it.size, last?.size ?? it.size) * 0.4);
    // A gap wider than ~1.5 em on one baseline is a column gutter, not a word space.
    if (last && Math.abs(last.y - it.y) <= tol && it.x0 >= last.x1 - it.size * 0.5 && it.x0 - last.x1 <= Math.max(last.size, it.size) * 1.5) {
      const gap = it.x0 - last.x1;
      last.text += (gap > it.size * 0.15 && needsSpace(last.text, it.text) ? ' ' : '') + it.text;
      last.x1 = Math.max(last.x1, it.x1);
      last.size = Math.max(last.size, it.size);
      continue;
    }
    out.push({ ...it });
  }
  return out;
}

/** Column left edges: clusters of line starts, each holding a fair share of the lines. */
function columnStarts(frags: Frag[], width: number): number[] {
  const xs = frags.map((f) => f.x0).sort((a, b) => a - b);
  const clusters: number[][] = [];
  for (const x of xs) {
    const c = clusters[clusters.length - 1];
    // Paragraph indents stay within a column; a jump of a tenth of the page starts another.
    if (c && x - (c[c.length - 1] ?? x) <= width * 0.1) c.push(x);
    else clusters.push([x]);
  }
  const need = Math.max(3, frags.length * 0.15);
  const starts = clusters.filter((c) => c.length >= need).map((c) => c[0] as number);
  return starts.length > 0 ? starts : [xs[0] ?? 0];
}

/** Order a page's fragments for reading: bands split by full-width lines, columns left to right in each band. */
function readingOrder(frags: Frag[], width: number): Frag[] {
  if (frags.length === 0) return [];
  const starts = columnStarts(frags, width);
  if (starts.length < 2) return [...frags].sort((a, b) => b.y - a.y || a.x0 - b.x0);
  const colOf = (f: Frag): number => {
    let c = 0;
    starts.forEach((s, i) => {
      if (f.x0 >= s - width * 0.02) c = i;
    });
    return c;
  };
  // A fragment running into the next column's start spans columns (a title): it cuts a band.
  const spans = (f: Frag): boolean => {
    const c = colOf(f);
    const next = starts[c + 1];
    return next !== undefined && f.x1 > next + width * 0.01;
  };
  const byY = [...frags].sort((a, b) => b.y - a.y || a.x0 - b.x0);
  const out: Frag[] = [];
  let band: Frag[] = [];
  const flushBand = (): void => {
    band.sort((a, b) => colOf(a) - colOf(b) || b.y - a.y || a.x0 - b.x0);
    out.push(...band);
    band = [];
  };
  for (const f of byY) {
    if (spans(f)) {
      flushBand();
      out.push(f);
    } else band.push(f);
  }
  flushBand();
  return out;
}

function furnitureKey(t: string): string {
  return t.trim().replace(/[0-9０-９]+/gu, '#').replace(/\s+/gu, ' ').toLowerCase();
}

const PAGE_NUMBER = /^(?:[-–—]?\s*(?:page\s*)?[0-9]{1,4}(?:\s*(?:of|\/)\s*[0-9]{1,4})?\s*[-–—]?|[0-9０-９]{1,4}\s*(?:ページ|頁))$/iu;

/**
 * Remove running headers, footers and page numbers: lines in the top or bottom tenth of a page whose
 * text (digits aside) recurs on at least two pages and half of them, and lone page numbers there.
 */
function removeFurniture(pages: PageLines[], file: string): Message[] {
  const messages: Message[] = [];
  if (pages.length < 2) return messages;
  const inEdge = (p: PageLines, f: Frag): boolean => f.y > p.bottom + p.height * 0.9 || f.y < p.bottom + p.height * 0.1;
  const pagesWith = new Map<string, Set<number>>();
  pages.forEach((p, i) => {
    for (const f of p.lines) {
      if (!inEdge(p, f)) continue;
      const k = furnitureKey(f.text);
      const set = pagesWith.get(k) ?? new Set<number>();
      set.add(i);
      pagesWith.set(k, set);
    }
  });
  const need = Math.max(2, Math.ceil(pages.length / 2));
  const reported = new Set<string>();
  pages.forEach((p, i) => {
    p.lines = p.lines.filter((f) => {
      if (!inEdge(p, f)) return true;
      const k = furnitureKey(f.text);
      const repeated = (pagesWith.get(k)?.size ?? 0) >= need;
      const number = PAGE_NUMBER.test(f.text.trim());
      if (!repeated && !number) return true;
      if (!reported.has(k)) {
        reported.add(k);
        const what = number ? 'page number' : 'running header or footer';
        messages.push(makeMessage('read', 'read:pdf-furniture', 'info', `${what} "${f.text.trim()}" removed from every page`, { file, page: i + 1 }));
      }
      return false;
    });
  });
  return messages;
}

const HYPHENATED = /(\p{L}+)-$/u;
const LOWER_WORD = /^(\p{Ll}+)\S*/u;

/**
 * Lines of all pages into text: lines of a paragraph one per line, a blank line where the vertical
 * gap says a new paragraph starts, `\f` between pages, words hyphenated at a line end rejoined.
 */
function pagesToText(pages: PageLines[]): { text: string; rejoined: number } {
  const flat: Array<{ text: string; page: number; gapBefore: boolean }> = [];
  pages.forEach((p, pi) => {
    let prev: Frag | undefined;
    for (const f of p.lines) {
      const t = f.text.trim();
      if (t === '') continue;
      // A step down of more than ~1.8 line heights, or a jump back up (next column), is a paragraph gap.
      const gap = prev !== undefined && (prev.y - f.y > Math.max(prev.size, f.size) * 1.8 || f.y > prev.y + f.size * 0.5);
      flat.push({ text: t, page: pi, gapBefore: gap });
      prev = f;
    }
  });
  // Words seen whole somewhere in the document decide a hyphen: "secu-rity" joins, "well-known" keeps its hyphen.
  const whole = new Set<string>();
  const hyphenedWords = new Set<string>();
  for (const l of flat) {
    for (const w of l.text.toLowerCase().split(/[^\p{L}-]+/u)) {
      if (w.includes('-')) hyphenedWords.add(w);
      else if (w) whole.add(w);
    }
  }
  let rejoined = 0;
  for (let i = 0; i + 1 < flat.length; i++) {
    const a = flat[i] as (typeof flat)[number];
    const b = flat[i + 1] as (typeof flat)[number];
    const h = HYPHENATED.exec(a.text);
    const w = LOWER_WORD.exec(b.text);
    if (!h || !w) continue;
    const left = h[1] as string;
    const right = w[1] as string;
    const joinedWord = (left + right).toLowerCase();
    if (hyphenedWords.has(`${left}-${right}`.toLowerCase()) && !whole.has(joinedWord)) continue;
    // The rest of the word moves up to the line (and page) where the word began.
    a.text = a.text.slice(0, -1) + w[0];
    b.text = b.text.slice(w[0].length).replace(/^\s+/u, '');
    rejoined++;
  }
  let text = '';
  let page = 0;
  for (const l of flat) {
    if (l.text === '' && l.page === page) continue;
    if (l.page !== page) {
      text += '\f'.repeat(l.page - page);
      page = l.page;
    } else if (text !== '') text += l.gapBefore ? '\n\n' : '\n';
    text += l.text;
  }
  const pageCount = pages.length;
  if (page < pageCount - 1) text += '\f'.repeat(pageCount - 1 - page);
  return { text, rejoined };
}

/**
 * Extract the text of a PDF in reading order, pages separated by `\f`, with messages about what was
 * removed or why nothing could be read. Never throws for bad input.
 *
 * @example
 * const { text, messages } = await pdfText(bytes, 'report.pdf');
 */
export async function pdfText(bytes: Uint8Array, file: string): Promise<{ text?: string; title?: string; date?: string; pages: number; messages: Message[] }> {
  const messages: Message[] = [];
  const fail = (ruleId: string, reason: string): { pages: number; messages: Message[] } => ({ pages: 0, messages: [...messages, makeMessage('read', ruleId, 'fatal', reason, { file })] });
  if (bytes.length === 0) return { pages: 0, messages: [makeMessage('read', 'read:empty', 'warning', 'empty, skipped', { file })] };
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (!head.includes('%PDF-')) return fail('read:pdf-corrupt', 'not a PDF file (no %PDF- header); skipped');
  const pdfjs = await loadPdfJs();
  // pdfjs takes ownership of the buffer it is given: hand it a copy.
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: false });
  let pdf: Awaited<typeof task.promise>;
  try {
    pdf = await task.promise;
  } catch (e) {
    const name = (e as Error)?.name ?? '';
    await task.destroy().catch(() => undefined);
    if (name === 'PasswordException') return fail('read:pdf-encrypted', 'encrypted PDF (needs a password); decrypt it first, e.g. qpdf --decrypt');
    return fail('read:pdf-corrupt', `corrupt or unreadable PDF (${(e as Error)?.message ?? String(e)}); skipped`);
  }
  try {
    const pages: PageLines[] = [];
    let chars = 0;
    for (let n = 1; n <= pdf.numPages; n++) {
      try {
        const page = await pdf.getPage(n);
        const [vx0, vy0, vx1, vy1] = page.view as [number, number, number, number];
        const content = await page.getTextContent();
        const items: Frag[] = [];
        for (const it of content.items) {
          if (!('str' in it) || it.str.trim() === '') continue;
          const tr = it.transform as number[];
          const size = Math.hypot(tr[2] ?? 0, tr[3] ?? 0) || it.height || 10;
          const x0 = tr[4] ?? 0;
          items.push({ text: it.str, x0, x1: x0 + (it.width || it.str.length * size * 0.5), y: tr[5] ?? 0, size });
          chars += it.str.trim().length;
        }
        const width = Math.abs(vx1 - vx0) || 612;
        pages.push({ lines: readingOrder(fragments(items), width), height: Math.abs(vy1 - vy0) || 792, bottom: Math.min(vy0, vy1) });
        page.cleanup();
      } catch (e) {
        messages.push(makeMessage('read', 'read:pdf-page', 'warning', `page ${n} could not be read (${(e as Error)?.message ?? String(e)}); left empty`, { file, page: n }));
        pages.push({ lines: [], height: 792, bottom: 0 });
      }
    }
    if (chars === 0) return fail('read:pdf-no-text', `no text layer in ${pdf.numPages} page(s) (scanned or image-only PDF); OCR it first, e.g. ocrmypdf`);
    messages.push(...removeFurniture(pages, file));
    const { text, rejoined } = pagesToText(pages);
    if (rejoined > 0) messages.push(makeMessage('read', 'read:pdf-hyphenation', 'info', `${rejoined} word(s) hyphenated at a line end rejoined`, { file }));
    const out: { text?: string; title?: string; date?: string; pages: number; messages: Message[] } = { text, pages: pdf.numPages, messages };
    try {
      const meta = await pdf.getMetadata();
      const info = meta.info as { Title?: unknown; CreationDate?: unknown } | undefined;
      if (typeof info?.Title === 'string' && info.Title.trim() !== '') out.title = info.Title.trim();
      const d = typeof info?.CreationDate === 'string' ? /^(?:D:)?(\d{4})(\d{2})?(\d{2})?/.exec(info.CreationDate) : null;
      if (d) out.date = [d[1], d[2], d[3]].filter((x) => x !== undefined).join('-');
    } catch {
      // Metadata is a bonus; its absence is not a problem with the document.
    }
    return out;
  } finally {
    await pdf.destroy().catch(() => undefined);
  }
}

async function* extractPdf(input: RawInput, opts: ReadOptions): AsyncIterable<Doc | Message> {
  const r = await pdfText(input.bytes, input.path);
  if (r.text === undefined) {
    yield* r.messages;
    return;
  }
  // A PDF's creation date is often the day it was exported, not published: kept aside, never the document date.
  const date = opts.date;
  const doc = newDoc(
    {
      id: input.path,
      format: 'pdf',
      path: input.path,
      side: opts.side ?? null,
      ...(r.title === undefined ? {} : { title: r.title }),
      ...(date === undefined ? {} : { date }),
      ...(opts.source === undefined ? {} : { source: opts.source }),
      extra: r.date === undefined ? {} : { pdf_created: r.date },
    },
    r.text,
  );
  doc.messages.push(...r.messages);
  yield doc;
}

/** `.pdf`: the text layer in reading order, one document per file, pages kept. */
export const pdfExtractor: Extractor = {
  name: 'pdf',
  extensions: ['.pdf'],
  extract: (input, opts) => extractPdf(input, opts),
};
