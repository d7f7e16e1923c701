import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mappingFrom, parseProfile, parseValueMap, tableFromFlags } from '../src/import-profile.js';
import { readInputs } from '../src/read/index.js';
import type { TableMapping, TableReadOptions } from '../src/read/table.js';
import { segment } from '../src/segment.js';
import { clean } from '../src/clean.js';
import type { Doc, Message } from '../src/types.js';
import { newDoc } from '../src/read/index.js';
import { sjisEncoder } from './helpers/sjis.js';

function newDocJa(text: string): Doc {
  return segment(clean(newDoc({ id: 'p', format: 'txt', lang: 'ja' }, text)));
}

const root = mkdtempSync(join(tmpdir(), 'twocities-table-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
function file(name: string, content: string | Buffer): string {
  const p = join(root, `${n++}-${name}`);
  writeFileSync(p, content);
  return p;
}

async function collect(paths: string[], table?: TableMapping, extra: Record<string, unknown> = {}): Promise<{ docs: Doc[]; messages: Message[] }> {
  const docs: Doc[] = [];
  const messages: Message[] = [];
  const opts: TableReadOptions = { ...extra, ...(table ? { table } : {}) };
  for await (const item of readInputs(paths, opts)) {
    if ('meta' in item) docs.push(item);
    else messages.push(item);
  }
  return { docs, messages };
}

const toSjis = sjisEncoder();

describe('column mapping', () => {
  const csv = [
    'No,Headline,year,month,date,paper,wcount',
    '1,"米国務次官補、懸案協議へあす来日",1987,11,7,A,426',
    '2,"日米安保に慎重姿勢　趙紫陽総書記が表明",1988,2,,Y,300',
    '3,"同盟の将来",1989,13,1,Z,10',
  ].join('\n') + '\n';

  it('maps text, id, source with a value map, date columns and a constant side', async () => {
    const p = file('h.csv', csv);
    const { docs, messages } = await collect([p], {
      textColumn: 'headline', idColumn: 'No', sourceColumn: 'paper', dateColumns: ['year', 'month', 'date'],
      sourceMap: new Map([['A', 'Asahi Shimbun'], ['Y', 'Yomiuri Shimbun']]), side: 'tokyo',
    });
    expect(messages).toEqual([]);
    expect(docs.map((d) => d.meta.id)).toEqual(['1', '2', '3']);
    expect(docs.map((d) => d.meta.source)).toEqual(['Asahi Shimbun', 'Yomiuri Shimbun', 'Z']);
    expect(docs.map((d) => d.meta.date)).toEqual(['1987-11-07', '1988-02', undefined]);
    expect(docs.every((d) => d.meta.side === 'tokyo' && d.meta.lang === 'ja')).toBe(true);
    expect(docs[0]?.raw).toBe('米国務次官補、懸案協議へあす来日');
    // The day column is named `date` but was not mapped to the date: it stays extra metadata.
    expect(docs[0]?.meta.extra).toMatchObject({ date: '7', wcount: '426', year: '1987' });
    expect(docs[2]?.messages.map((m) => m.ruleId)).toEqual(['read:bad-date']);
  });

  it('names a missing column and lists the columns that exist', async () => {
    const p = file('h.csv', csv);
    const { docs, messages } = await collect([p], { textColumn: 'Title', dateColumn: 'when' });
    expect(docs).toEqual([]);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ ruleId: 'read:no-column', severity: 'fatal', place: { file: p, line: 1 } });
    expect(messages[0]?.reason).toContain('textColumn "Title"');
    expect(messages[0]?.reason).toContain('dateColumn "when"');
    expect(messages[0]?.reason).toContain('"Headline", "year", "month", "date", "paper", "wcount"');
  });

  it('parses a single date column in mixed formats and maps sides', async () => {
    const p = file('d.csv', 'body,when,who\nA.,2003/12/09,US\nB.,Dec. 9 2003,JP\nC.,平成15年12月9日,KR\nD.,someday,US\n');
    const { docs } = await collect([p], { textColumn: 'body', dateColumn: 'when', sideColumn: 'who', sideMap: new Map([['US', 'washington'], ['JP', 'tokyo']]) });
    expect(docs.map((d) => d.meta.date)).toEqual(['2003-12-09', '2003-12-09', '2003-12-09', undefined]);
    expect(docs.map((d) => d.meta.side)).toEqual(['washington', 'tokyo', 'KR', 'washington']);
    expect(docs[3]?.messages[0]?.reason).toContain('"someday"');
  });

  it('keeps the default core columns working', async () => {
    const p = file('c.csv', 'id,Text,date,side\nx,Tokyo worries.,2004/02/01,tokyo\n');
    const { docs } = await collect([p]);
    expect(docs[0]?.meta).toMatchObject({ id: 'x', date: '2004-02-01', side: 'tokyo' });
  });
});

describe('CP932 CSV', () => {
  it('is detected with no flag and the Japanese text is stored exactly', async () => {
    const rows = ['「これ以上のドル安望まぬ」　米大統領表明', '米の貿易赤字、前月比で１６億ドル改善　対日赤字も２億ドル減／９月速報', 'ｶﾀｶﾅ半角と①②、髙橋'];
    const text = 'id,Headline,paper\n' + rows.map((r, i) => `${i + 1},"${r}",A`).join('\r\n') + '\r\n';
    const bytes = toSjis(text);
    expect(new TextDecoder('shift_jis').decode(bytes)).toBe(text);
    const { docs, messages } = await collect([file('sjis.csv', bytes)], { textColumn: 'Headline', sourceColumn: 'paper' });
    expect(messages).toEqual([]);
    expect(docs.map((d) => d.raw)).toEqual(rows);
    expect(docs.every((d) => d.meta.encoding === 'shift_jis')).toBe(true);
  });
});

describe('headlines as documents', () => {
  it('a headline with 「」, ／ and a full-width space stays one sentence', async () => {
    const heads = ['「これ以上のドル安望まぬ」　米大統領表明', '米軍駐留、原則賛成せず　中国総書記、日米安保で評価を“修正”／土井・趙会談 ', '財政赤字の削減　米、Ｇ７で確約か　日独にも協調要請へ'];
    const p = file('s.csv', 'text\n' + heads.map((h) => `"${h}"`).join('\n') + '\n');
    const { docs } = await collect([p]);
    for (const d of docs) {
      clean(d);
      segment(d);
      expect(d.sentences, d.raw).toHaveLength(1);
      expect(d.sentences[0]?.text).toBe(d.raw.trim());
    }
  });

  it('a question or exclamation mark inside a headline does not split it; prose still splits', async () => {
    const heads = ['沖縄上空、ニアミス２日続き　日航機と米軍？戦闘機', 'ブッシュｖｓ．ゴア、大接戦きょう決着　米大統領選', '炭疽菌？　粉末入り手紙が民主上院院内総務にも', 'ラニーニャ捕まえた！　ペルー沖の「逆エルニーニョ」　日米の衛星'];
    const p = file('q.csv', 'text\n' + heads.map((h) => `"${h}"`).join('\n') + '\n');
    const { docs } = await collect([p]);
    for (const d of docs) {
      clean(d);
      segment(d);
      expect(d.sentences.map((s) => s.text), d.raw).toEqual([d.raw]);
    }
    const prose = newDocJa('本当に見捨てられるのか？日本政府は不安を隠さない。米国は否定した。');
    expect(prose.sentences.map((s) => s.text)).toEqual(['本当に見捨てられるのか？', '日本政府は不安を隠さない。', '米国は否定した。']);
  });
});

describe('import profile', () => {
  it('turns YAML into a mapping', () => {
    const r = parseProfile('columns:\n  text: Headline\n  id: id_all\n  source: paper\n  date: [year, month, date]\nsourceMap: {A: Asahi Shimbun}\nside: tokyo\n', 'p.yaml');
    expect(r.messages).toEqual([]);
    expect(r.profile?.mapping).toEqual({ textColumn: 'Headline', idColumn: 'id_all', sourceColumn: 'paper', dateColumns: ['year', 'month', 'date'], sourceMap: new Map([['A', 'Asahi Shimbun']]), side: 'tokyo' });
  });

  it('reports schema and syntax errors with line and column', () => {
    const bad = parseProfile('columns:\n  text: Headline\n  body: x\nside: 3\n', 'p.yaml');
    const places = bad.messages.map((m) => [m.ruleId, m.place.line, m.place.column]);
    expect(places).toContainEqual(['profile:schema', 4, 7]);
    expect(places.some(([, line]) => line === 2 || line === 3)).toBe(true);
    const syntax = parseProfile('columns:\n  text: [a\n', 'p.yaml');
    expect(syntax.messages[0]).toMatchObject({ ruleId: 'profile:yaml', severity: 'fatal' });
    expect(syntax.messages[0]?.place.line).toBeGreaterThanOrEqual(2);
    const dup = parseProfile('side: a\nside: b\n', 'p.yaml');
    expect(dup.messages[0]?.place.line).toBe(2);
  });

  it('merges command-line options over a profile', () => {
    const base = parseProfile('columns: {text: Headline, date: day}\nsourceMap: {A: Asahi}\n', 'p.yaml').profile;
    const r = mappingFrom({ dateColumns: 'year,month', sourceMap: 'A=Asahi Shimbun,Y=Yomiuri Shimbun', sheet: '2' }, base);
    expect(r.mapping).toMatchObject({ textColumn: 'Headline', dateColumns: ['year', 'month'], sheet: 2 });
    expect(r.mapping?.dateColumn).toBeUndefined();
    expect([...(r.mapping?.sourceMap ?? [])]).toEqual([['A', 'Asahi Shimbun'], ['Y', 'Yomiuri Shimbun']]);
    expect(mappingFrom({}).mapping).toBeUndefined();
    expect(mappingFrom({ dateColumns: 'year' }).messages[0]?.ruleId).toBe('profile:date-columns');
    expect(parseValueMap('A=x,B').messages).toHaveLength(1);
  });

  it('loads a profile file from flags and lays options over it', () => {
    const p = file('p.yaml', 'columns: {text: Headline, source: paper}\nencoding: shift_jis\n');
    const r = tableFromFlags({ profile: p, sourceColumn: 'outlet' });
    expect(r.messages).toEqual([]);
    expect(r.mapping).toMatchObject({ textColumn: 'Headline', sourceColumn: 'outlet' });
    expect(r.encoding).toBe('shift_jis');
    const missing = tableFromFlags({ profile: join(root, 'none.yaml') });
    expect(missing.messages[0]).toMatchObject({ ruleId: 'profile:io', severity: 'fatal' });
    const bad = tableFromFlags({ profile: file('b.yaml', 'colums: {text: x}\n') });
    expect(bad.messages[0]).toMatchObject({ ruleId: 'profile:schema', place: { line: 1, column: 1 } });
  });
});
