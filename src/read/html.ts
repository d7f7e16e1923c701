/**
 * HTML: a saved web page or article reduced to its article text with Mozilla Readability over a
 * linkedom DOM (navigation, comments and ads left out), with title, byline, published date and
 * language from the page. The character set comes from a BOM or the page's own `<meta>` (sniffed
 * in the bytes before decoding, so Shift_JIS pages work), else from detection.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { makeMessage } from '../messages.js';
import type { Doc, Message } from '../types.js';
import { canonicalEncoding, decodeBytes } from './decode.js';
import { detectLang } from '../lang.js';
import { newDoc } from './doc.js';
import type { Extractor, RawInput, ReadOptions } from './types.js';

/** What was read from a page: the article text and whatever metadata the page declares. */
export interface HtmlArticle {
  text: string;
  title?: string;
  byline?: string;
  date?: string;
  lang?: string;
  siteName?: string;
  /** The page's canonical URL (`<link rel=canonical>` or `og:url`), when declared. */
  url?: string;
  /** How the text was found: Readability's article, or the body without page furniture (short, odd or huge pages). */
  method: 'readability' | 'body';
}

/** Readability's time grows faster than the page: beyond this many characters the body rules are used. */
export const READABILITY_MAX_CHARS = 2_000_000;

/**
 * The character set a page declares in its first bytes: `<meta charset>` or
 * `<meta http-equiv="Content-Type" content="…; charset=…">` (canonical WHATWG name), else undefined.
 *
 * @example
 * sniffHtmlCharset(Buffer.from('<meta charset="Shift_JIS">')); // 'shift_jis'
 */
export function sniffHtmlCharset(bytes: Uint8Array): string | undefined {
  // Markup is ASCII in every encoding a page may declare, so latin1 reads the tags safely.
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const m = /<meta\s[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i.exec(head);
  if (!m?.[1]) return undefined;
  const enc = canonicalEncoding(m[1]);
  // A page saved as UTF-16 cannot declare so in ASCII; the BOM decides that case.
  return enc === 'utf-16le' || enc === 'utf-16be' ? undefined : enc;
}

const BLOCK = new Set(['P', 'DIV', 'SECTION', 'ARTICLE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'UL', 'OL', 'BLOCKQUOTE', 'PRE', 'TABLE', 'TR', 'FIGCAPTION', 'HEADER', 'FOOTER', 'MAIN', 'DL', 'DT', 'DD', 'HR', 'ASIDE', 'NAV', 'FIGURE', 'ADDRESS']);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'BUTTON', 'FORM', 'SELECT', 'TEXTAREA']);
/** Page parts that are never the article, for pages Readability cannot handle. */
const NOT_ARTICLE = 'nav, footer, aside, script, style, noscript, form, iframe, [role=navigation], [role=banner], [role=contentinfo], [role=complementary], .comments, #comments, .comment, .ad, .ads, .advert, .advertisement, .sidebar, .share, .social, .related';

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  firstChild: DomNode | null;
  nextSibling: DomNode | null;
}

/**
 * Text of a DOM subtree with block elements as paragraphs (blank lines), `<br>` as line breaks and
 * each table row a paragraph of its cells.
 *
 * @example
 * nodeText(parseHTML('<p>a</p><p>b</p>').document.body); // 'a\n\nb'
 */
export function nodeText(root: DomNode): string {
  const out: string[] = [];
  // Inside a table cell, blocks (a cell's own paragraphs) are words of the row, not paragraphs.
  let inCell = 0;
  const walk = (n: DomNode): void => {
    if (n.nodeType === 3) {
      out.push((n.textContent ?? '').replace(/[ \t\r\n\u00a0]+/g, ' '));
      return;
    }
    if (n.nodeType !== 1 && n.nodeType !== 9 && n.nodeType !== 11) return;
    const name = n.nodeName.toUpperCase();
    if (SKIP.has(name)) return;
    if (name === 'BR') {
      out.push('\n');
      return;
    }
    const cell = name === 'TD' || name === 'TH';
    const block = BLOCK.has(name);
    const brk = inCell > 0 ? ' ' : '\n\n';
    if (block || cell) out.push(cell ? ' ' : brk);
    if (cell) inCell++;
    // Sibling links, not childNodes: linkedom builds childNodes afresh on every access.
    for (let c = n.firstChild; c !== null; c = c.nextSibling) walk(c);
    if (cell) inCell--;
    if (block || cell) out.push(cell ? ' ' : brk);
  };
  walk(root);
  return out
    .join('')
    .split('\n')
    .map((l) => l.replace(/ {2,}/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A date written in metadata (ISO timestamp, `YYYY-MM-DD`, `YYYY/MM/DD`, 2024年5月3日) as ISO `YYYY-MM-DD`. */
function isoDate(s: string | null | undefined): string | undefined {
  if (!s) return undefined;
  const t = s.trim();
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(t) ?? /(\d{4})年\s*(\d{1,2})月\s*(\d{1,2})日/.exec(t);
  if (m) return `${m[1]}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '').padStart(2, '0')}`;
  const d = new Date(t);
  return Number.isNaN(d.getTime()) || !/\d{4}/.test(t) ? undefined : d.toISOString().slice(0, 10);
}

interface QueryDoc {
  querySelector(sel: string): { getAttribute(n: string): string | null; textContent: string | null } | null;
  querySelectorAll(sel: string): ArrayLike<{ getAttribute(n: string): string | null; textContent: string | null; remove(): void }>;
}

function removeAll(doc: QueryDoc, selector: string): void {
  const nodes = doc.querySelectorAll(selector);
  for (let i = nodes.length - 1; i >= 0; i--) nodes[i]?.remove();
}

function metaContent(doc: QueryDoc, selectors: string[]): string | undefined {
  for (const sel of selectors) {
    const v = doc.querySelector(sel)?.getAttribute('content')?.trim();
    if (v) return v;
  }
  return undefined;
}

/** `datePublished` from the page's JSON-LD blocks (objects, arrays and `@graph`s). */
function jsonLdDate(doc: QueryDoc): string | undefined {
  const scripts = doc.querySelectorAll('script[type="application/ld+json"]');
  for (let i = 0; i < scripts.length; i++) {
    let data: unknown;
    try {
      data = JSON.parse(scripts[i]?.textContent ?? '');
    } catch {
      continue;
    }
    const stack: unknown[] = [data];
    while (stack.length > 0) {
      const x = stack.pop();
      if (Array.isArray(x)) stack.push(...(x as unknown[]));
      else if (x !== null && typeof x === 'object') {
        const o = x as Record<string, unknown>;
        if (typeof o.datePublished === 'string') return o.datePublished;
        if (o['@graph'] !== undefined) stack.push(o['@graph']);
      }
    }
  }
  return undefined;
}

/** Readability's article as text, with its title and byline; undefined when it finds none or fails. */
function readabilityText(html: string): { text: string; title?: string; byline?: string } | undefined {
  try {
    // Readability changes the DOM it reads: give it its own copy, without what is never the article.
    const copy = parseHTML(html).document;
    removeAll(copy as unknown as QueryDoc, NOT_ARTICLE);
    const article = new Readability(copy as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 200 }).parse();
    if (!article?.content) return undefined;
    const text = nodeText(parseHTML(`<!doctype html><html><body>${article.content}</body></html>`).document.body as unknown as DomNode);
    if (text === '') return undefined;
    return { text, ...(article.title ? { title: article.title.trim() } : {}), ...(article.byline ? { byline: article.byline.trim() } : {}) };
  } catch {
    // A page Readability cannot handle falls back to the body without its page furniture.
    return undefined;
  }
}

/**
 * Read an HTML page already decoded to a string: article text and metadata. `undefined` text when
 * the page has no readable text.
 *
 * @example
 * readHtml('<html lang="en"><title>T</title><body><article><p>Tokyo worries.</p></article></body></html>').title; // 'T'
 */
export function readHtml(html: string): HtmlArticle {
  // A fragment without <html> leaves linkedom without a document element: give it one.
  if (!/<html[\s>]/i.test(html.slice(0, 65536))) html = `<!doctype html><html><body>${html}</body></html>`;
  const { document } = parseHTML(html);
  const q = document as unknown as QueryDoc;
  const htmlLang = document.documentElement?.getAttribute('lang') ?? metaContent(q, ['meta[http-equiv="content-language" i]']);
  const date =
    isoDate(metaContent(q, ['meta[property="article:published_time"]', 'meta[name="article:published_time"]', 'meta[itemprop="datePublished"]', 'meta[name="pubdate"]', 'meta[name="date"]', 'meta[name="DC.date.issued"]'])) ??
    isoDate(jsonLdDate(q)) ??
    isoDate(document.querySelector('time[datetime]')?.getAttribute('datetime'));
  const url = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? metaContent(q, ['meta[property="og:url"]']);
  const metaTitle = metaContent(q, ['meta[property="og:title"]']) ?? document.querySelector('title')?.textContent?.trim();
  const metaAuthor = metaContent(q, ['meta[name="author"]', 'meta[property="article:author"]']);
  const siteName = metaContent(q, ['meta[property="og:site_name"]']);

  let text = '';
  let title = metaTitle;
  let byline = metaAuthor;
  let method: HtmlArticle['method'] = 'body';
  const r = html.length <= READABILITY_MAX_CHARS ? readabilityText(html) : undefined;
  if (r) {
    text = r.text;
    if (r.title) title = r.title;
    if (r.byline) byline = r.byline;
    method = 'readability';
  }
  if (text === '') {
    removeAll(q, `${NOT_ARTICLE}, header, [role=banner]`);
    if (document.body) text = nodeText(document.body as unknown as DomNode);
  }
  const out: HtmlArticle = { text, method };
  if (title) out.title = title;
  if (byline) out.byline = byline;
  if (date) out.date = date;
  const lang = htmlLang?.trim().toLowerCase().split(/[-_]/)[0];
  if (lang) out.lang = lang;
  if (siteName) out.siteName = siteName;
  if (url) out.url = url;
  return out;
}

/**
 * Decode a page's bytes: BOM, then its declared charset, then detection. Returns the text or the
 * messages saying why not.
 *
 * @example
 * decodeHtml(Buffer.from('<meta charset="utf-8"><p>x</p>'), 'a.html').text; // '<meta charset="utf-8"><p>x</p>'
 */
export function decodeHtml(bytes: Uint8Array, file: string, forced?: string): { text?: string; encoding?: string; messages: Message[] } {
  const bom = bytes[0] === 0xef || bytes[0] === 0xff || bytes[0] === 0xfe;
  const declared = forced ?? (bom ? undefined : sniffHtmlCharset(bytes));
  const d = decodeBytes(bytes, { file, ...(declared === undefined ? {} : { encoding: declared }) });
  if (declared !== undefined && d.messages.some((m) => m.ruleId === 'read:invalid-bytes') && forced === undefined) {
    // The page lied about its charset: trust the bytes instead, and say so.
    const guess = decodeBytes(bytes, { file });
    if (guess.text !== undefined && guess.encoding !== declared) {
      return { ...guess, messages: [makeMessage('read', 'read:html-charset', 'warning', `page declares ${declared} but is ${guess.encoding}; decoded as ${guess.encoding}`, { file }), ...guess.messages] };
    }
  }
  return d;
}

function* extractHtml(input: RawInput, opts: ReadOptions): Iterable<Doc | Message> {
  const decoded = decodeHtml(input.bytes, input.path, opts.encoding || undefined);
  if (decoded.text === undefined) {
    yield* decoded.messages;
    return;
  }
  let a: HtmlArticle;
  try {
    a = readHtml(decoded.text);
  } catch (e) {
    // The DOM library may still choke on pathological markup: one message, never a crash.
    yield* decoded.messages;
    yield makeMessage('read', 'read:html', 'fatal', `cannot parse the page (${(e as Error)?.message ?? String(e)}); skipped`, { file: input.path });
    return;
  }
  if (a.text.trim() === '') {
    yield* decoded.messages;
    yield makeMessage('read', 'read:empty', 'warning', 'no article text in the page, skipped', { file: input.path });
    return;
  }
  const date = opts.date ?? a.date;
  const extra: Record<string, string> = {};
  if (a.byline) extra.byline = a.byline;
  if (a.url) extra.url = a.url;
  if (a.siteName) extra.site = a.siteName;
  if (a.lang) extra.html_lang = a.lang;
  // Templates often declare the site's language on every page: the declaration counts when the text agrees or is undecided.
  const detected = detectLang(a.text);
  const lang = (a.lang === 'ja' || a.lang === 'en') && (detected === a.lang || detected === 'und') ? a.lang : undefined;
  const doc = newDoc(
    {
      id: input.path,
      format: 'html',
      path: input.path,
      encoding: decoded.encoding,
      side: opts.side ?? null,
      ...(a.title === undefined ? {} : { title: a.title }),
      ...(date === undefined ? {} : { date }),
      ...(opts.source === undefined ? {} : { source: opts.source }),
      ...(lang === undefined ? {} : { lang }),
      extra,
    },
    a.text,
  );
  doc.messages.push(...decoded.messages);
  if (a.method === 'body' && decoded.text.length > READABILITY_MAX_CHARS) {
    doc.messages.push(makeMessage('read', 'read:html-large', 'info', `page of ${decoded.text.length} characters read without Readability (too slow on pages this large): navigation, headers, footers, asides and comments removed by rule`, { file: input.path }));
  }
  yield doc;
}

/** `.html` / `.htm` / `.xhtml`: the article of a saved web page, one document per file. */
export const htmlExtractor: Extractor = {
  name: 'html',
  extensions: ['.html', '.htm', '.xhtml'],
  extract: (input, opts) => extractHtml(input, opts),
};
