import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchBounded, ingestUrl, parseFeed, USER_AGENT, type IngestOptions } from '../src/fetch.js';
import type { Doc, Message } from '../src/types.js';
import { articlePage, encodeShiftJis } from './fixtures/formats/build.js';
import { parseSources } from '../src/sources.js';

const ITEMS = [
  { title: 'Tokyo backs alliance', link: '/news/1', date: 'Mon, 06 May 2024 09:00:00 GMT', text: 'Officials in Tokyo said the alliance remained the cornerstone of security.' },
  { title: 'Washington presses on costs', link: '/news/2', date: 'Tue, 07 May 2024 10:30:00 GMT', text: 'Washington wants Japan to pay more for hosting American troops.' },
];

function rss(items: typeof ITEMS): string {
  const body = items
    .map((i) => `<item><title>${i.title}</title><link>${base}${i.link}</link><guid>${base}${i.link}</guid><pubDate>${i.date}</pubDate><description><![CDATA[<p>${i.text}</p>]]></description></item>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Example Wire</title><link>${base}/</link>\n${body}\n</channel></rss>`;
}

const ATOM = (): string => `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title><link href="${base}/"/>
<entry><title>日米同盟の行方</title><link rel="alternate" href="${base}/ja/1"/><id>urn:x:1</id><published>2024-05-08T00:00:00+09:00</published><author><name>記者</name></author>
<content type="html">&lt;p&gt;政府は日米同盟の強化が必要だと述べた。&lt;/p&gt;</content></entry>
</feed>`;

let server: Server;
let base = '';
const hits = new Map<string, number>();
const agents: string[] = [];
let items = ITEMS.slice(0, 1);

function handle(req: IncomingMessage, res: ServerResponse): void {
  const path = req.url ?? '/';
  hits.set(path, (hits.get(path) ?? 0) + 1);
  agents.push(String(req.headers['user-agent']));
  const send = (status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': type, ...headers });
    res.end(body);
  };
  if (path === '/feed.xml') return send(200, 'application/rss+xml', rss(items));
  if (path === '/atom') return send(200, 'application/atom+xml; charset=utf-8', ATOM());
  if (path === '/moved') return send(301, 'text/plain', '', { location: '/feed.xml' });
  if (path === '/loop-a') return send(302, 'text/plain', '', { location: '/loop-b' });
  if (path === '/loop-b') return send(302, 'text/plain', '', { location: '/loop-a' });
  const chain = /^\/chain\/(\d+)$/.exec(path);
  if (chain) {
    const n = Number(chain[1]);
    return n === 0 ? send(200, 'application/rss+xml', rss(items)) : send(302, 'text/plain', '', { location: `/chain/${n - 1}` });
  }
  if (path === '/slow') {
    // Headers come at once, the body never ends: only the timeout can stop this.
    res.writeHead(200, { 'content-type': 'text/html' });
    res.write('<html><body><p>start');
    return;
  }
  if (path === '/big') {
    res.writeHead(200, { 'content-type': 'text/html' });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const pump = (): void => {
      while (sent < 200) {
        sent++;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    res.on('error', () => undefined);
    return pump();
  }
  if (path === '/flaky') return (hits.get(path) ?? 0) === 1 ? send(503, 'text/plain', 'busy') : send(200, 'application/rss+xml', rss(items));
  if (path === '/down') return send(500, 'text/plain', 'broken');
  if (path === '/gone') return send(404, 'text/plain', 'no');
  if (path === '/page.html') {
    const page = articlePage({ title: '日米同盟は揺るがず', lang: 'ja', paragraphs: ['政府関係者は月曜日、日米同盟は引き続き日本の安全保障政策の基軸であると述べた。米軍基地の負担をめぐる懸念は根強いものの、同盟の重要性に変わりはないという。'.repeat(3)] });
    // The charset is only in the HTTP header, as many Japanese servers send it.
    return send(200, 'text/html; charset=Shift_JIS', encodeShiftJis(page));
  }
  if (path === '/data.bin') return send(200, 'application/octet-stream', Buffer.from([0, 1, 2, 3]));
  send(404, 'text/plain', 'no');
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

async function collect(url: string, opts: IngestOptions = {}): Promise<{ docs: Doc[]; messages: Message[] }> {
  const docs: Doc[] = [];
  const messages: Message[] = [];
  for await (const x of ingestUrl(url, { retryDelayMs: 10, timeoutMs: 3000, ...opts })) ('meta' in x ? docs : messages).push(x as never);
  return { docs, messages };
}

describe('feeds and pages over HTTP', () => {
  it('reads RSS items as documents with link, date and the feed as source; re-polls store only new items', async () => {
    items = ITEMS.slice(0, 1);
    const stored = new Set<string>();
    const first = await collect(`${base}/feed.xml`, { side: 'washington', known: (u) => stored.has(u) });
    expect(first.docs).toHaveLength(1);
    const d = first.docs[0] as Doc;
    expect(d.meta).toMatchObject({ id: `${base}/news/1`, path: `${base}/news/1`, date: '2024-05-06', source: 'Example Wire', side: 'washington', format: 'rss', title: 'Tokyo backs alliance' });
    expect(d.meta.extra.feed).toBe(`${base}/feed.xml`);
    expect(d.raw).toBe(ITEMS[0]?.text);
    for (const x of first.docs) stored.add(x.meta.path as string);
    items = ITEMS;
    const second = await collect(`${base}/feed.xml`, { known: (u) => stored.has(u) });
    expect(second.docs.map((x) => x.meta.path)).toEqual([`${base}/news/2`]);
    expect(second.messages.map((m) => m.ruleId)).toEqual(['fetch:known']);
    expect(agents.every((a) => a === USER_AGENT)).toBe(true);
  });

  it('takes side and source from a sidecar rule for the item link or the feed address', async () => {
    items = ITEMS;
    const { map } = parseSources(`"${base}/news/2": tokyo, Item Rule\n"127.0.0.1": washington, Host Rule\n`, 'sources.yaml');
    const { docs } = await collect(`${base}/feed.xml`, { sources: map, side: 'other' });
    expect(docs.map((d) => [d.meta.side, d.meta.source])).toEqual([
      ['washington', 'Host Rule'],
      ['tokyo', 'Item Rule'],
    ]);
    const page = await collect(`${base}/page.html`, { sources: map });
    expect(page.docs[0]?.meta).toMatchObject({ side: 'washington', source: 'Host Rule' });
  });

  it('reads Atom entries', async () => {
    const { docs } = await collect(`${base}/atom`);
    expect(docs).toHaveLength(1);
    expect(docs[0]?.meta).toMatchObject({ format: 'atom', lang: 'ja', date: '2024-05-08', source: 'Atom Desk', title: '日米同盟の行方', path: `${base}/ja/1` });
    expect(docs[0]?.raw).toBe('政府は日米同盟の強化が必要だと述べた。');
  });

  it('follows redirects up to five, and reports loops and longer chains', async () => {
    expect((await collect(`${base}/moved`)).docs.length).toBeGreaterThan(0);
    expect((await collect(`${base}/chain/5`)).docs.length).toBeGreaterThan(0);
    expect((await collect(`${base}/chain/6`)).messages.map((m) => m.ruleId)).toEqual(['fetch:redirects']);
    const loop = await collect(`${base}/loop-a`);
    expect(loop.messages.map((m) => m.ruleId)).toEqual(['fetch:redirect-loop']);
    expect(loop.messages[0]?.place.file).toBe(`${base}/loop-a`);
  });

  it('times out a response that never ends, retrying once at most', async () => {
    hits.delete('/slow');
    const t0 = Date.now();
    const r = await collect(`${base}/slow`, { timeoutMs: 300 });
    expect(r.messages.map((m) => m.ruleId)).toEqual(['fetch:timeout']);
    expect(hits.get('/slow')).toBe(2);
    expect(Date.now() - t0).toBeLessThan(2500);
  });

  it('stops reading a body over the size limit', async () => {
    const r = await fetchBounded(`${base}/big`, { maxBytes: 256 * 1024 });
    expect('message' in r && r.message.ruleId).toBe('fetch:too-large');
  });

  it('retries a transient failure once, and gives up after one retry', async () => {
    hits.delete('/flaky');
    hits.delete('/down');
    expect((await collect(`${base}/flaky`)).docs.length).toBeGreaterThan(0);
    expect(hits.get('/flaky')).toBe(2);
    const down = await collect(`${base}/down`);
    expect(down.messages.map((m) => m.ruleId)).toEqual(['fetch:status']);
    expect(hits.get('/down')).toBe(2);
    hits.delete('/gone');
    await collect(`${base}/gone`);
    expect(hits.get('/gone')).toBe(1);
  });

  it('reads a single page through the HTML reader, charset from the HTTP header', async () => {
    const { docs } = await collect(`${base}/page.html`);
    expect(docs).toHaveLength(1);
    expect(docs[0]?.meta).toMatchObject({ format: 'html', encoding: 'shift_jis', lang: 'ja', path: `${base}/page.html`, title: '日米同盟は揺るがず' });
  });

  it('reports bad addresses, refused connections and other content', async () => {
    expect((await collect('not a url')).messages.map((m) => m.ruleId)).toEqual(['fetch:url']);
    expect((await collect('file:///etc/passwd')).messages.map((m) => m.ruleId)).toEqual(['fetch:scheme']);
    expect((await collect(`${base}/data.bin`)).messages.map((m) => m.ruleId)).toEqual(['fetch:type']);
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    expect((await collect(`http://127.0.0.1:${port}/`)).messages.map((m) => m.ruleId)).toEqual(['fetch:network']);
  });

  it('parses RSS without a channel title and ignores non-feeds', () => {
    expect(parseFeed('<rss version="2.0"><channel><item><title>A</title><guid>https://x/a</guid><description>Text.</description></item></channel></rss>')?.items[0]).toMatchObject({ link: 'https://x/a', text: 'Text.' });
    expect(parseFeed('<html><body>x</body></html>')).toBeUndefined();
    expect(parseFeed('not xml at all <<<')).toBeUndefined();
  });
});
