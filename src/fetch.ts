/**
 * Reading from the web: RSS 2.0 and Atom feeds (one document per item) and single pages (through
 * the HTML reader). Politely: one request at a time, a User-Agent that says who we are, a timeout,
 * a size limit enforced while streaming, redirects followed by hand (at most 5, loops caught), and
 * at most one retry after a pause. Every failure is a Message with the URL as its place.
 */
import { DOMParser, parseHTML } from 'linkedom';
import { makeMessage } from './messages.js';
import { matchSource, sourceOptions } from './sources.js';
import { newDoc } from './read/doc.js';
import { htmlExtractor, nodeText } from './read/html.js';
import { canonicalEncoding, decodeBytes } from './read/decode.js';
import type { ReadOptions } from './read/types.js';
import type { Doc, Message } from './types.js';

/** The User-Agent sent with every request. */
export const USER_AGENT = 'twocities/0.1 (+local analysis tool)';

/** Limits and metadata for `fetchBounded` and `ingestUrl`. */
export interface FetchOptions {
  /** Whole-request timeout in milliseconds, body included (default 20 000). */
  timeoutMs?: number;
  /** Largest body accepted, in bytes (default 10 MB); reading stops there. */
  maxBytes?: number;
  /** Redirects followed (default 5). */
  maxRedirects?: number;
  /** Retries after a network error, a timeout, 429 or a 5xx (0 or 1; default 1). */
  retries?: number;
  /** Pause before the retry in milliseconds (default 2 000; a shorter Retry-After wins). */
  retryDelayMs?: number;
}

/** Options of `ingestUrl`: fetch limits, document defaults, and what is already stored. */
export interface IngestOptions extends FetchOptions, ReadOptions {
  /**
   * Is a document from this link already stored (or folded)? Such feed items are skipped, so a
   * re-poll stores only new items. The pipeline passes `(u) => store.hasPath(u)`.
   */
  known?: (url: string) => boolean;
  /** Also fetch each feed item's linked page and use its article text when longer than the item's (default false). */
  fetchItems?: boolean;
}

/** A fetched body, after redirects. */
export interface Fetched {
  /** The URL finally read (after redirects). */
  url: string;
  status: number;
  contentType: string;
  bytes: Buffer;
}

function fail(ruleId: string, reason: string, url: string): Message {
  return makeMessage('fetch', ruleId, 'fatal', reason, { file: url });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

type Attempt = { ok: true; value: Fetched } | { ok: false; retry: boolean; message: Message; retryAfterMs?: number };

async function attempt(url: string, o: Required<FetchOptions>): Promise<Attempt> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), o.timeoutMs);
  const seen = new Set<string>();
  let current = url;
  try {
    for (let hop = 0; ; hop++) {
      seen.add(current);
      let res: Response;
      try {
        res = await fetch(current, { redirect: 'manual', signal: ctl.signal, headers: { 'User-Agent': USER_AGENT, Accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/html;q=0.9, */*;q=0.5' } });
      } catch (e) {
        if (ctl.signal.aborted) return { ok: false, retry: true, message: fail('fetch:timeout', `no complete answer within ${o.timeoutMs / 1000} s`, url) };
        const cause = (e as { cause?: { code?: string; message?: string } }).cause;
        return { ok: false, retry: true, message: fail('fetch:network', `cannot connect (${cause?.code ?? cause?.message ?? (e as Error).message})`, current) };
      }
      if (res.status >= 300 && res.status < 400 && res.headers.has('location')) {
        await res.body?.cancel().catch(() => undefined);
        const next = new URL(res.headers.get('location') ?? '', current).href;
        if (seen.has(next)) return { ok: false, retry: false, message: fail('fetch:redirect-loop', `redirect loop (${current} → ${next})`, url) };
        if (hop + 1 > o.maxRedirects) return { ok: false, retry: false, message: fail('fetch:redirects', `more than ${o.maxRedirects} redirects`, url) };
        if (!/^https?:$/.test(new URL(next).protocol)) return { ok: false, retry: false, message: fail('fetch:scheme', `redirect to a non-HTTP address (${next})`, url) };
        current = next;
        continue;
      }
      if (res.status === 429 || res.status >= 500) {
        await res.body?.cancel().catch(() => undefined);
        const ra = Number(res.headers.get('retry-after'));
        return { ok: false, retry: true, message: fail('fetch:status', `server answered ${res.status} ${res.statusText}`.trim(), current), ...(Number.isFinite(ra) && ra > 0 ? { retryAfterMs: ra * 1000 } : {}) };
      }
      if (res.status >= 400) {
        await res.body?.cancel().catch(() => undefined);
        return { ok: false, retry: false, message: fail('fetch:status', `server answered ${res.status} ${res.statusText}`.trim(), current) };
      }
      const declared = Number(res.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > o.maxBytes) {
        await res.body?.cancel().catch(() => undefined);
        return { ok: false, retry: false, message: fail('fetch:too-large', `body of ${declared} bytes is over the ${o.maxBytes}-byte limit`, current) };
      }
      const chunks: Buffer[] = [];
      let size = 0;
      try {
        if (res.body) {
          const reader = res.body.getReader();
          for (;;) {
            const r = await reader.read();
            if (r.done) break;
            size += r.value.byteLength;
            // Stop reading as soon as the limit is passed: a huge body is never held.
            if (size > o.maxBytes) {
              await reader.cancel().catch(() => undefined);
              return { ok: false, retry: false, message: fail('fetch:too-large', `body over the ${o.maxBytes}-byte limit; stopped reading`, current) };
            }
            chunks.push(Buffer.from(r.value));
          }
        }
      } catch (e) {
        if (ctl.signal.aborted) return { ok: false, retry: true, message: fail('fetch:timeout', `no complete answer within ${o.timeoutMs / 1000} s`, url) };
        return { ok: false, retry: true, message: fail('fetch:network', `connection broken while reading (${(e as Error).message})`, current) };
      }
      return { ok: true, value: { url: current, status: res.status, contentType: res.headers.get('content-type') ?? '', bytes: Buffer.concat(chunks) } };
    }
  } finally {
    clearTimeout(timer);
  }
}

/**
 * GET a URL within limits: manual redirects (at most `maxRedirects`, loops caught), a whole-request
 * timeout, a streamed size limit, and at most one retry after a pause for transient failures.
 *
 * @example
 * const r = await fetchBounded('https://example.com/feed.xml', { timeoutMs: 10_000 });
 * if ('message' in r) report(r.message); else use(r.bytes);
 */
export async function fetchBounded(url: string, opts: FetchOptions = {}): Promise<Fetched | { message: Message }> {
  const o: Required<FetchOptions> = {
    timeoutMs: opts.timeoutMs ?? 20_000,
    maxBytes: opts.maxBytes ?? 10 * 1024 * 1024,
    maxRedirects: opts.maxRedirects ?? 5,
    retries: Math.min(1, Math.max(0, opts.retries ?? 1)),
    retryDelayMs: opts.retryDelayMs ?? 2_000,
  };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { message: fail('fetch:url', 'not a valid URL', url) };
  }
  if (!/^https?:$/.test(parsed.protocol)) return { message: fail('fetch:scheme', `only http and https addresses are fetched (${parsed.protocol})`, url) };
  let r = await attempt(parsed.href, o);
  if (!r.ok && r.retry && o.retries > 0) {
    await sleep(Math.min(r.retryAfterMs ?? o.retryDelayMs, Math.max(o.retryDelayMs, 30_000)));
    r = await attempt(parsed.href, o);
  }
  return r.ok ? r.value : { message: r.message };
}

/** One item of a feed. */
export interface FeedItem {
  title?: string;
  link?: string;
  id?: string;
  date?: string;
  author?: string;
  /** The item's text (its content or summary, HTML reduced to text). */
  text: string;
}

/** A parsed feed. */
export interface Feed {
  kind: 'rss' | 'atom';
  title?: string;
  link?: string;
  items: FeedItem[];
}

interface El {
  nodeType: number;
  nodeName: string;
  localName?: string;
  textContent: string | null;
  firstChild: El | null;
  nextSibling: El | null;
  getAttribute(n: string): string | null;
}

function local(e: El): string {
  const n = (e.localName ?? e.nodeName).toLowerCase();
  const c = n.indexOf(':');
  return c >= 0 ? n.slice(c + 1) : n;
}

function qualified(e: El): string {
  return e.nodeName.toLowerCase();
}

function children(e: El): El[] {
  const out: El[] = [];
  // Sibling links, not childNodes: linkedom builds childNodes afresh on every access.
  for (let c = e.firstChild; c !== null; c = c.nextSibling) if (c.nodeType === 1) out.push(c);
  return out;
}

function child(e: El, ...names: string[]): El | undefined {
  const cs = children(e);
  for (const n of names) {
    const hit = cs.find((c) => (n.includes(':') ? qualified(c) === n : local(c) === n && !qualified(c).includes(':')));
    if (hit) return hit;
  }
  return undefined;
}

function textOf(e: El | undefined): string | undefined {
  const t = e?.textContent?.trim();
  return t ? t : undefined;
}

/** Item content may be HTML (escaped or CDATA): reduce it to text with the HTML reader's block rules. */
function htmlToText(s: string): string {
  if (!/[<&]/.test(s)) return s.trim();
  const { document } = parseHTML(`<!doctype html><html><body>${s}</body></html>`);
  return nodeText(document.body as never);
}

function isoDate(s: string | undefined): string | undefined {
  if (!s) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s.trim());
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString().slice(0, 10);
}

/**
 * Parse an RSS 2.0 or Atom document; undefined when it is neither.
 *
 * @example
 * parseFeed('<rss version="2.0"><channel><title>T</title><item><title>A</title><link>https://x/a</link></item></channel></rss>')?.items.length; // 1
 */
export function parseFeed(xml: string): Feed | undefined {
  let root: El | undefined;
  try {
    const doc = new DOMParser().parseFromString(xml.replace(/^\ufeff/, ''), 'text/xml') as unknown as { documentElement?: El };
    root = doc.documentElement;
  } catch {
    return undefined;
  }
  if (!root) return undefined;
  const kind = local(root);
  if (kind === 'rss' || kind === 'rdf') {
    const channel = child(root, 'channel') ?? root;
    // RSS 1.0 (RDF) keeps its items beside the channel, RSS 2.0 inside it.
    const items = [...children(channel), ...(channel === root ? [] : children(root))].filter((c) => local(c) === 'item');
    const feed: Feed = { kind: 'rss', items: [] };
    const t = textOf(child(channel, 'title'));
    const l = textOf(child(channel, 'link'));
    if (t) feed.title = t;
    if (l) feed.link = l;
    for (const it of items) {
      const body = textOf(child(it, 'content:encoded')) ?? textOf(child(it, 'description')) ?? '';
      const item: FeedItem = { text: htmlToText(body) };
      const title = textOf(child(it, 'title'));
      const link = textOf(child(it, 'link'));
      const guid = textOf(child(it, 'guid'));
      const date = isoDate(textOf(child(it, 'pubdate')) ?? textOf(child(it, 'dc:date')));
      const author = textOf(child(it, 'dc:creator')) ?? textOf(child(it, 'author'));
      if (title) item.title = htmlToText(title);
      if (link) item.link = link;
      else if (guid && /^https?:\/\//.test(guid)) item.link = guid;
      if (guid) item.id = guid;
      if (date) item.date = date;
      if (author) item.author = author;
      feed.items.push(item);
    }
    return feed;
  }
  if (kind === 'feed') {
    const feed: Feed = { kind: 'atom', items: [] };
    const t = textOf(child(root, 'title'));
    if (t) feed.title = t;
    const altLink = (e: El): string | undefined => {
      const links = children(e).filter((c) => local(c) === 'link');
      const alt = links.find((c) => (c.getAttribute('rel') ?? 'alternate') === 'alternate') ?? links[0];
      return alt?.getAttribute('href') ?? undefined;
    };
    const fl = altLink(root);
    if (fl) feed.link = fl;
    for (const e of children(root).filter((c) => local(c) === 'entry')) {
      const content = child(e, 'content') ?? child(e, 'summary');
      const item: FeedItem = { text: htmlToText(content?.textContent ?? '') };
      const title = textOf(child(e, 'title'));
      const link = altLink(e);
      const id = textOf(child(e, 'id'));
      const date = isoDate(textOf(child(e, 'published')) ?? textOf(child(e, 'updated')));
      const author = textOf(child(child(e, 'author') ?? e, 'name'));
      if (title) item.title = htmlToText(title);
      if (link) item.link = link;
      if (id) item.id = id;
      if (date) item.date = date;
      if (author && child(e, 'author')) item.author = author;
      feed.items.push(item);
    }
    return feed;
  }
  return undefined;
}

function charsetOf(contentType: string): string | undefined {
  const m = /charset\s*=\s*"?([^";\s]+)/i.exec(contentType);
  return m?.[1] ? canonicalEncoding(m[1]) : undefined;
}

function looksLikeFeed(contentType: string, head: string): boolean {
  if (/(rss|atom)\+xml/i.test(contentType)) return true;
  const h = head.replace(/^\ufeff/, '').trimStart().slice(0, 2000);
  return /^<\?xml[\s\S]*?<(rss|feed|rdf:RDF)[\s>]/i.test(h) || /^<(rss|feed|rdf:RDF)[\s>]/i.test(h);
}

/**
 * Read a URL as documents: every item of an RSS 2.0 / Atom feed (with its link, date and the feed
 * as source; items whose link `opts.known` says is stored are skipped), or a single HTML page
 * through the HTML reader. Problems are messages; nothing throws for bad input.
 *
 * @example
 * for await (const x of ingestUrl('https://example.com/feed.xml', { side: 'tokyo', known: (u) => store.hasPath(u) })) {
 *   if ('meta' in x) pipelineAccept(x); else report(x);
 * }
 */
export async function* ingestUrl(url: string, opts: IngestOptions = {}): AsyncIterable<Doc | Message> {
  const got = await fetchBounded(url, opts);
  if ('message' in got) {
    yield got.message;
    return;
  }
  const charset = charsetOf(got.contentType);
  const head = got.bytes.subarray(0, 4096).toString('latin1');
  if (looksLikeFeed(got.contentType, head)) {
    yield* feedDocs(url, got, charset, opts);
    return;
  }
  if (/html/i.test(got.contentType) || /<html[\s>]|<!doctype html/i.test(head)) {
    const o = opts.sources ? sourceOptions(opts, [opts.sources], got.url) : opts;
    for await (const x of htmlExtractor.extract({ path: got.url, bytes: got.bytes }, { ...o, ...(charset === undefined || opts.encoding ? {} : { encoding: charset }) })) {
      if ('meta' in x) {
        x.meta.id = got.url;
        x.meta.path = got.url;
        x.meta.format = 'html';
        if (got.url !== url) x.meta.extra.requested = url;
      }
      yield x;
    }
    return;
  }
  yield fail('fetch:type', `not a feed or an HTML page (${got.contentType || 'no content type'})`, got.url);
}

async function* feedDocs(url: string, got: Fetched, charset: string | undefined, opts: IngestOptions): AsyncIterable<Doc | Message> {
  // XML declares its own encoding; the HTTP header wins when it names one.
  const xmlDecl = /<\?xml[^>]*encoding\s*=\s*["']([^"']+)/i.exec(got.bytes.subarray(0, 200).toString('latin1'))?.[1];
  const encoding = opts.encoding || charset || (xmlDecl ? canonicalEncoding(xmlDecl) : undefined);
  const decoded = decodeBytes(got.bytes, { file: got.url, ...(encoding ? { encoding } : {}) });
  if (decoded.text === undefined) {
    yield* decoded.messages;
    return;
  }
  const feed = parseFeed(decoded.text);
  if (!feed) {
    yield fail('fetch:feed', 'not a valid RSS or Atom feed', got.url);
    return;
  }
  let known = 0;
  let empty = 0;
  for (const item of feed.items) {
    const link = item.link ? new URL(item.link, got.url).href : undefined;
    const key = link ?? item.id;
    if (key !== undefined && opts.known?.(key)) {
      known++;
      continue;
    }
    let text = item.text;
    if (opts.fetchItems && link) {
      for await (const x of ingestUrl(link, { ...opts, fetchItems: false })) {
        if ('meta' in x && x.raw.length > text.length) text = x.raw;
        else if (!('meta' in x)) yield { ...x, severity: x.severity === 'fatal' ? 'warning' : x.severity };
      }
    }
    if (text.trim() === '') {
      empty++;
      continue;
    }
    // A sidecar rule for the item's link wins, then one for the feed's address, then the options.
    const rule = opts.sources ? ((key !== undefined ? matchSource(opts.sources, key) : undefined) ?? matchSource(opts.sources, got.url)) : undefined;
    const date = opts.date ?? item.date;
    const source = rule?.source ?? opts.source ?? feed.title;
    const side = rule?.side ?? opts.side ?? null;
    const extra: Record<string, string> = { feed: got.url };
    if (item.author) extra.author = item.author;
    if (item.id) extra.guid = item.id;
    const doc = newDoc(
      {
        id: key ?? `${got.url}#${feed.items.indexOf(item) + 1}`,
        format: feed.kind,
        path: key ?? got.url,
        side,
        ...(item.title === undefined ? {} : { title: item.title }),
        ...(date === undefined ? {} : { date }),
        ...(source === undefined ? {} : { source }),
        encoding: decoded.encoding,
        extra,
      },
      text,
    );
    yield doc;
  }
  if (known > 0) yield makeMessage('fetch', 'fetch:known', 'info', `${known} feed item(s) already stored, skipped`, { file: url });
  if (empty > 0) yield makeMessage('fetch', 'fetch:empty-item', 'warning', `${empty} feed item(s) without text, skipped`, { file: url });
  if (feed.items.length === 0) yield makeMessage('fetch', 'fetch:empty', 'warning', 'the feed has no items', { file: url });
}
