import { describe, expect, it } from 'vitest';
import { measure } from '../src/measure.js';
import { escapeHtml, renderReport } from '../src/report/index.js';
import { csvField, pp } from '../src/report/format.js';
import { seededRandom } from '../src/stats.js';
import type { DocCounts, EvidenceRow } from '../src/store/index.js';

const SIDES = ['washington', 'tokyo', 'other'];
const CODES = ['abandonment', 'autonomy'];

/** Documents where tokyo raises abandonment often and washington rarely; dated over two years. */
function rows(n: number): DocCounts[] {
  const rand = seededRandom(21);
  const out: DocCounts[] = [];
  for (let d = 0; d < n; d++) {
    const t = 3 + Math.floor(rand() * 5);
    const w = 3 + Math.floor(rand() * 5);
    const ab = new Map([['tokyo', { raised: Math.floor(t * 0.5 * rand()) + 1, negated: 0 }], ['washington', { raised: d % 4 === 0 ? 1 : 0, negated: d % 5 === 0 ? 1 : 0 }]]);
    out.push({ docId: d + 1, date: `${2003 + (d % 2)}-06-01`, side: 'tokyo', lang: 'en', voices: new Map([['tokyo', t], ['washington', w], ['author', 2]]), codes: new Map([['abandonment', ab]]) });
  }
  return out;
}

const m = measure(rows(60), { codebook: { name: 'us-japan', version: 'abc123' }, codes: CODES, sides: SIDES, reps: 300, by: 'year' });

const hostile = 'Officials said <script>alert("x")</script> & Tokyo \u202Efears abandonment.';
const evidence = (code: string, voice: string): EvidenceRow[] => {
  const start = hostile.indexOf('abandonment');
  return [
    {
      docId: 7, extId: 'doc-"7"', title: 'Title <b>bold</b> & co', date: '2003-06-01', source: 'Asahi <i>', side: 'tokyo', lang: 'en', path: 'a.txt',
      sentence: 4, paragraph: 2, page: 3, text: hostile, voice, voiceHow: 'cue', cue: { start: 0, end: 14, rule: 'side:tokyo/cue:1' }, code,
      negated: false, evidence: { start, end: start + 'abandonment'.length, rule: 'code:abandonment/en:1' }, negation: null,
    },
    {
      docId: 8, extId: 'j1', title: '日米同盟', date: '2004-01-01', source: null, side: 'tokyo', lang: 'ja', path: null,
      sentence: 0, paragraph: 0, page: null, text: '日本側には見捨てられるとの不安がある。', voice, voiceHow: 'cue', cue: { start: 0, end: 3, rule: 'side:tokyo/cue:ja' }, code,
      negated: false, evidence: { start: 5, end: 10, rule: 'code:abandonment/ja:1' }, negation: null,
    },
  ];
};

describe('escapeHtml', () => {
  it('escapes markup, quotes, ampersands and shows bidi overrides inert', () => {
    const out = escapeHtml('<script>"a" & \'b\'\u202Ec\u2066');
    expect(out).toBe('&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;[U+202E]c[U+2066]');
    expect(out).not.toMatch(/[<>"'\u202E\u2066]/);
    expect(escapeHtml('日本側には')).toBe('日本側には');
  });
});

describe('renderReport', () => {
  it('json: the stable shape, parseable, same on every render', () => {
    const out = renderReport(m, 'json');
    const j = JSON.parse(out);
    expect(j.codebook).toEqual({ name: 'us-japan', version: 'abc123' });
    expect(j.documents).toBe(60);
    expect(j.codes.abandonment.gap.estimate).toBeGreaterThan(0);
    expect(j.codes.abandonment.tokyo.share).toBeCloseTo(m.codes.get('abandonment')?.voices.get('tokyo')?.share as number);
    expect(j.periods.map((p: { period: string }) => p.period)).toEqual(['2003', '2004']);
    expect(renderReport(m, 'json')).toBe(out);
  });

  it('text: aligned table with every code, voice and the gap interval, then the messages', () => {
    const withMsg = { ...m, messages: [...m.messages, { ruleId: 'clean:repeated-paragraph', source: 'clean', severity: 'warning' as const, reason: 'paragraph repeated', place: { file: 'a.txt' } }] };
    const out = renderReport(withMsg, 'text');
    const lines = out.split('\n');
    const header = lines.find((l) => l.startsWith('code'));
    expect(header).toMatch(/washington\s+tokyo\s+other\s+author\s+gap tokyo−washington/);
    const ab = lines.find((l) => l.startsWith('abandonment')) as string;
    const au = lines.find((l) => l.startsWith('autonomy')) as string;
    const g = m.codes.get('abandonment')?.gap;
    expect(ab).toContain(`${pp(g?.estimate)} [${pp(g?.low)}, ${pp(g?.high)}]`);
    // Columns line up: share cells are right-aligned under their header.
    const tokyo = m.codes.get('abandonment')?.voices.get('tokyo');
    const tokCell = `${((tokyo?.share as number) * 100).toFixed(1)}% (${tokyo?.raised}/${tokyo?.negated})`;
    const tokEnd = (header as string).indexOf('tokyo') + 'tokyo'.length;
    expect(ab.slice(tokEnd - tokCell.length, tokEnd)).toBe(tokCell);
    expect(au.slice(tokEnd - '0.0% (0/0)'.length, tokEnd)).toBe('0.0% (0/0)');
    expect(out).toMatch(/60 documents/);
    expect(out).toMatch(/Trend/);
    expect(out).toMatch(/a\.txt: warning: paragraph repeated \[clean:repeated-paragraph\]/);
    expect(out.includes('\u001b[')).toBe(false);
    expect(renderReport(m, 'text', { color: true }).includes('\u001b[1m')).toBe(true);
  });

  it('text: the method line states the replicates of the headline and, when fewer, of each period', () => {
    const opts = { codebook: { name: 'us-japan', version: 'abc123' }, codes: CODES, sides: SIDES, reps: 1000, periodReps: 200 };
    const byYear = renderReport(measure(rows(60), { ...opts, by: 'year' }), 'text');
    expect(byYear).toMatch(/bootstrap over documents \(1000 replicates, 200 for each period, seed/);
    const whole = renderReport(measure(rows(60), opts), 'text');
    expect(whole).toMatch(/bootstrap over documents \(1000 replicates, seed/);
  });

  it('csv: a header and one row per period × code × voice plus gap rows', () => {
    const out = renderReport(m, 'csv');
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe('period,code,voice,sentences,raised,negated,share,low,high');
    const voices = m.voices.size;
    expect(lines.length - 1).toBe((1 + (m.periods?.length ?? 0)) * CODES.length * (voices + 1));
    const tok = lines.find((l) => l.startsWith('all,abandonment,tokyo,'))?.split(',');
    expect(Number(tok?.[6])).toBeCloseTo(m.codes.get('abandonment')?.voices.get('tokyo')?.share as number);
    expect(lines.some((l) => l.startsWith('all,abandonment,gap:tokyo−washington,'))).toBe(true);
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField('say "no", then')).toBe('"say ""no"", then"');
  });

  it('md: a GitHub table with a separator row and one row per code', () => {
    const out = renderReport(m, 'md');
    const table = out.split('\n').filter((l) => l.startsWith('|'));
    expect(table[0]).toMatch(/^\| code \| washington \| tokyo \| other \| author \| gap/);
    expect(table[1]).toMatch(/^\| --- \|( ---: \|)+$/);
    expect(table.filter((l) => /^\| (abandonment|autonomy) \|/.test(l))).toHaveLength(4); // main table + trend table
  });

  it('html: self-contained, escaped, evidence highlighted with its place, SVG gap bars, last evaluation stated', () => {
    const out = renderReport(m, 'html', { evidence, title: 'US <&> Japan', lastEvaluation: { codebook: 'abc123', at: '2026-01-01T00:00:00Z', summary: { units: 120, result: { voice: { accuracy: 0.83 }, kappa: 0.712 } } } });
    expect(out.startsWith('<!DOCTYPE html>')).toBe(true);
    // Nothing loads from elsewhere.
    expect(out).not.toMatch(/<script|<link|@import|src=|url\(/i);
    expect(out).not.toMatch(/https?:\/\//);
    // Hostile document text and metadata are inert.
    expect(out).not.toContain('<script>alert');
    expect(out).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(out).not.toContain('\u202E');
    expect(out).toContain('[U+202E]');
    expect(out).toContain('Title &lt;b&gt;bold&lt;/b&gt; &amp; co');
    expect(out).toContain('<title>US &lt;&amp;&gt; Japan</title>');
    // The matched span and the voice cue are marked; the place is given.
    expect(out).toMatch(/<mark class="code"[^>]*>abandonment<\/mark>/);
    expect(out).toMatch(/<mark class="cue"[^>]*>Officials said<\/mark>/);
    expect(out).toContain('p. 3');
    expect(out).toContain('paragraph 3, sentence 5');
    // Japanese as written, marked as Japanese.
    expect(out).toMatch(/<span class="s" lang="ja"><mark class="cue"[^>]*>日本側<\/mark>には<mark class="code"[^>]*>見捨てられ<\/mark>/);
    // One SVG gap bar per code, and the evaluation figures.
    expect(out.match(/<svg /g)).toHaveLength(CODES.length);
    expect(out).toContain('0.712');
    expect(out).toContain('2026-01-01T00:00:00Z');
  });
});
