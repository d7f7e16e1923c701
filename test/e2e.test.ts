/**
 * End to end: the built dashboard in Debian's Chromium against a server on 127.0.0.1 over a
 * store built here. Skipped (with the reason in the suite name) when /usr/bin/chromium is absent.
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinCodebook } from '../src/codebook/index.js';
import { seriesFromFlags } from '../src/overlay.js';
import { sjisEncoder } from './helpers/sjis.js';
import { startServer, type RunningServer } from '../src/server/index.js';
import { Store } from '../src/store/index.js';
import { addFixtureDoc, buildFixtureStore } from './helpers/fixture-store.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const OUT = 'test-output';

type Browser = import('playwright-core').Browser;
type Page = import('playwright-core').Page;

const EVIL = [
  'Critics in Tokyo fear the ally may abandon Japan <script>window.__pwned = 1</script>.',
  'Critics in Tokyo say <img src=x onerror="window.__pwned = 2"> the ally may abandon Japan.',
  'Critics in Tokyo warn the ally may abandon Japan, see <a href="javascript:window.__pwned=3">this</a>.',
  'Critics in Tokyo fear the ally may abandon Japan \u202Egnp.exe\u202C today.',
];

describe.skipIf(!hasChromium)(`dashboard in Chromium${hasChromium ? '' : ' (skipped: /usr/bin/chromium is not installed; apt-get install chromium)'}`, () => {
  let dir: string;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let evilId: number;
  const errors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'twocities-e2e-'));
    const webRoot = join(dir, 'web');
    // Build the front end from the current sources into a private folder.
    const { build } = await import('vite');
    await build({ configFile: join(process.cwd(), 'vite.config.ts'), logLevel: 'error', build: { outDir: webRoot, emptyOutDir: true } });
    const cb = builtinCodebook();
    const db = join(dir, 'e2e.db');
    const store = Store.open(db);
    buildFixtureStore(store, cb, { documents: 80, seed: 5 });
    evilId = addFixtureDoc(store, cb.version, {
      id: 'evil', title: 'Hostile <img src=x onerror="window.__pwned=4"> title', date: '2004-02-03', side: 'tokyo', lang: 'en', source: 'Asahi',
      sentences: EVIL.map((text) => ({ text, voice: 'tokyo', cue: 'Critics in Tokyo', raised: [['abandonment', 'the ally may abandon Japan']], tone: 'negative' })),
    });
    store.close();
    // A yearly outside series with 2004 missing: the chart must show it as a gap.
    const poll = join(dir, 'poll.csv');
    writeFileSync(poll, 'year,like\n2001,41\n2002,44\n2003,39\n2005,47\n2006,45\n');
    const loaded = seriesFromFlags({ overlay: poll, overlayColumn: 'like', overlayDate: 'year', overlayLabel: '米国が好き (poll)' });
    if (!loaded.series || !loaded.info) throw new Error('e2e: the series did not load');
    server = await startServer({ db, port: 0, webRoot, overlay: { series: loaded.series, info: loaded.info } });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
    mkdirSync(OUT, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const tokyoAbandonment = async (): Promise<number> => {
    const cell = page.locator('td[data-code="abandonment"][data-voice="tokyo"] .n');
    await cell.waitFor();
    const m = /\((\d+)\//.exec((await cell.textContent()) ?? '');
    return Number(m?.[1] ?? NaN);
  };

  it('overview → click a point → evidence → review → figure changes; injected markup stays inert', async () => {
    await page.goto(`${server.url}#/overview?human=1`);
    await page.locator('#overview-chart svg .mark-symbol path').first().waitFor();
    await page.locator('#overview-table').waitFor();
    const before = await tokyoAbandonment();
    expect(before).toBeGreaterThanOrEqual(EVIL.length);
    // The outside series sits on the trend chart: one mark per year with a value, 2004 a gap.
    const seriesMarks = page.locator('#trend-chart svg .outside_series_marks path');
    await seriesMarks.first().waitFor();
    expect(await seriesMarks.count()).toBe(5);
    expect(await page.locator('#trend-chart svg').textContent()).toContain('米国が好き (poll)');
    const dashed = page.locator('#trend-chart svg path[stroke-dasharray]');
    expect(((await dashed.first().getAttribute('d')) ?? '').match(/M/g)?.length).toBe(2);
    expect(await page.locator('#overlay-rho').textContent()).toMatch(/Spearman's rho .* over 5 years.*5 of 6 periods/);
    await page.screenshot({ path: join(OUT, 'dashboard-overview.png'), fullPage: true });

    // Points are drawn in data order: code by code, voices in the chart's order (gap sides first).
    const meta = (await (await fetch(`${server.url}api/meta`)).json()) as { codebook: { codes: Array<{ id: string }> } };
    const codeIndex = meta.codebook.codes.findIndex((c) => c.id === 'abandonment');
    const voices = await page.locator('#overview-table thead th').allTextContents();
    const chartVoices = ['tokyo', 'washington', ...voices.slice(1, -1).filter((v) => v !== 'tokyo' && v !== 'washington' && v !== 'author'), 'author'];
    const point = page.locator('#overview-chart svg .mark-symbol path').nth(codeIndex * chartVoices.length + chartVoices.indexOf('tokyo'));
    await point.click({ force: true });
    // Polled from Node: the page's CSP forbids the eval that waitForFunction's in-page polling needs.
    await expect.poll(async () => String(await page.evaluate('location.hash')), { timeout: 10_000 }).toMatch(/^#\/evidence/);
    expect(decodeURIComponent(String(await page.evaluate('location.hash')))).toMatch(/code=abandonment.*voice=tokyo/);
    const evil = page.locator(`article.ev[data-doc="${evilId}"]`);
    await evil.first().waitFor();
    expect(await evil.count()).toBe(EVIL.length);
    const texts = await evil.locator('.s').allTextContents();
    expect(texts.some((t) => t.includes('<script>window.__pwned = 1</script>'))).toBe(true);
    expect(texts.some((t) => t.includes('[U+202E]gnp.exe[U+202C]'))).toBe(true);
    expect(await evil.first().locator('mark.code').first().textContent()).toBe('the ally may abandon Japan');
    expect(await page.locator('main script, main img, main a[href^="javascript"], main [onerror]').count()).toBe(0);
    await page.screenshot({ path: join(OUT, 'dashboard-evidence.png'), fullPage: true });

    // Review the first hostile sentence: not tokyo, no code.
    await evil.first().locator('a.review-link').click();
    const form = page.locator('form.review');
    await form.waitFor();
    await page.fill('#reviewer', 'e2e tester');
    await page.locator('#reviewer').dispatchEvent('change');
    await form.locator('input[name="voice"][value="author"]').check();
    await form.locator('input[name="codes"][value="abandonment"]').uncheck();
    await form.locator('button[type="submit"]').click();
    await form.locator('.result.ok').waitFor();

    await page.goto(`${server.url}#/overview?human=1`);
    await page.reload();
    await page.locator('#overview-chart svg .mark-symbol path').first().waitFor();
    expect(await tokyoAbandonment()).toBe(before - 1);
    await page.goto(`${server.url}#/overview`);
    await page.locator('#overview-chart svg .mark-symbol path').first().waitFor();
    expect(await tokyoAbandonment()).toBe(before);

    // The document view shows the hostile title and text as text.
    await page.goto(`${server.url}#/doc?id=${evilId}&s=1`);
    await page.locator('.doc .sent').first().waitFor();
    expect(await page.locator('main h1').textContent()).toContain('<img src=x onerror=');
    expect(await page.locator('main img, main script').count()).toBe(0);

    await page.goto(`${server.url}#/reliability`);
    await page.locator('#reliability-codes').waitFor();
    expect(await page.locator('main').textContent()).toContain('1 reviewed sentences');

    // An analyst sets another series from the page: a CP932 CSV, read by the server.
    await page.goto(`${server.url}#/overview`);
    await page.locator('#upload-form').waitFor({ state: 'attached' });
    await page.locator('details.upload summary').click();
    const upload = 'year,dislike\n2001,9\n2002,12\n2003,15\n2004,11\n2006,10\n';
    await page.setInputFiles('#upload-file', { name: 'dislike.csv', mimeType: 'text/csv', buffer: sjisEncoder()(upload) });
    await page.fill('#upload-column', 'dislike');
    await page.fill('#upload-date', 'year');
    await page.fill('#upload-label', '米国が嫌い (upload)');
    await page.locator('#upload-form button[type="submit"]').click();
    await page.locator('#trend-chart svg', { hasText: '米国が嫌い (upload)' }).waitFor();
    await page.locator('#trend-chart svg .outside_series_marks path').first().waitFor();
    expect(await page.locator('#trend-chart svg .outside_series_marks path').count()).toBe(5);
    expect(await page.locator('#overlay-rho').textContent()).toMatch(/5 of 6 periods/);
    await page.screenshot({ path: join(OUT, 'dashboard-overlay-upload.png'), fullPage: true });

    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    expect(errors).toEqual([]);
  }, 60_000);
});
