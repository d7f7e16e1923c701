/**
 * Issue #3, "Japanese as a first-class language": one test per "Done when" item. Every fixture is
 * built here: files are produced by encoding test strings, sentences are written for this test.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { builtinCodebook, compilePattern, loadCodebook, normalize, toOriginal } from '../src/codebook/index.js';
import { buildMatcher, type PatternEntry } from '../src/codebook/matcher.js';
import { foldJa, readingTable } from '../src/codebook/pattern.js';
import { run } from '../src/cli/main.js';
import { labelUnits, type LabelledUnit } from '../src/label.js';
import { readInputs } from '../src/read/index.js';
import { splitSentences } from '../src/segment.js';
import type { Doc, Message } from '../src/types.js';

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'twocities-ja-'));
}

async function readAll(paths: string[], encoding?: string): Promise<{ docs: Doc[]; messages: Message[] }> {
  const docs: Doc[] = [];
  const messages: Message[] = [];
  for await (const item of readInputs(paths, encoding === undefined ? {} : { encoding })) {
    if ('meta' in item) docs.push(item);
    else messages.push(item);
  }
  return { docs, messages };
}

/** ISO-2022-JP from EUC-JP: JIS X 0208 bytes are the EUC-JP bytes less their high bit, between escapes. */
function iso2022jp(text: string): Buffer {
  const out: number[] = [];
  let kanji = false;
  for (const ch of text) {
    const euc = iconv.encode(ch, 'euc-jp');
    const wide = euc.length === 2;
    if (wide !== kanji) out.push(...(wide ? [0x1b, 0x24, 0x42] : [0x1b, 0x28, 0x42]));
    kanji = wide;
    for (const b of euc) out.push(wide ? b & 0x7f : b);
  }
  if (kanji) out.push(0x1b, 0x28, 0x42);
  return Buffer.from(out);
}

/** Hits of one pattern in a sentence, as spans of the original text. */
function matchIn(pattern: string, sentence: string, readings?: Record<string, string | string[]>): string[] {
  const entry: PatternEntry = { kind: 'code', owner: 'x', text: pattern, rule: 'code:x/ja:0', lang: 'ja' };
  const m = buildMatcher([entry], readings);
  const n = normalize(sentence);
  return m.scan(n.text).map((h) => {
    const o = toOriginal(n, h.start, h.end);
    return sentence.slice(o.start, o.end);
  });
}

function label(texts: string[], side: string | null = 'tokyo'): LabelledUnit[] {
  return labelUnits(
    texts.map((text, i) => ({ doc: `d${i}`, side, text })),
    builtinCodebook(),
  );
}

const TEXT = '日米同盟の将来について、防衛省の幹部は「米国に見捨てられる不安は消えない」と語った。ｶﾀｶﾅとＡＢＣ１２３も混じる。\n';

describe('encodings (Part 1)', () => {
  const cases: Array<[string, Buffer, string]> = [
    ['utf-8', Buffer.from(TEXT, 'utf8'), 'utf-8'],
    ['utf-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')]), 'utf-8'],
    ['utf-16le with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]), 'utf-16le'],
    ['utf-16be with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(TEXT, 'utf-16be')]), 'utf-16be'],
    ['shift_jis', iconv.encode(TEXT, 'shift_jis'), 'shift_jis'],
    ['euc-jp', iconv.encode(TEXT, 'euc-jp'), 'euc-jp'],
  ];
  for (const [name, bytes, encoding] of cases) {
    it(`reads ${name} and records the encoding`, async () => {
      const dir = tmp();
      writeFileSync(join(dir, 'a.txt'), bytes);
      const { docs, messages } = await readAll([join(dir, 'a.txt')]);
      expect(messages.filter((m) => m.severity === 'fatal')).toEqual([]);
      expect(docs).toHaveLength(1);
      expect(docs[0]?.text.trim()).toBe(TEXT.trim());
      expect(docs[0]?.meta.encoding).toBe(encoding);
      expect(docs[0]?.meta.lang).toBe('ja');
    });
  }

  it('reads CP932 (Windows) characters that plain Shift_JIS lacks', async () => {
    // ①, ㈱ and the NEC row are CP932 extensions; WHATWG's shift_jis decoder is CP932.
    const text = '①米国との協議は㈱関係者も注視した。～が付く。\n';
    const dir = tmp();
    writeFileSync(join(dir, 'w.txt'), iconv.encode(text, 'cp932'));
    const { docs } = await readAll([join(dir, 'w.txt')]);
    expect(docs[0]?.text.trim()).toBe(text.trim());
    expect(docs[0]?.meta.encoding).toBe('shift_jis');
  });

  it('reads ISO-2022-JP (escape sequences) and records it', async () => {
    const text = '国会では「同盟は対等であるべきだ」との声が上がっている。\n';
    const bytes = iso2022jp(text);
    expect(bytes.every((b) => b < 0x80)).toBe(true);
    const dir = tmp();
    writeFileSync(join(dir, 'j.txt'), bytes);
    const { docs } = await readAll([join(dir, 'j.txt')]);
    expect(docs[0]?.text.trim()).toBe(text.trim());
    expect(docs[0]?.meta.encoding).toBe('iso-2022-jp');
  });

  it('--encoding overrides detection', async () => {
    // Two characters that are valid (and different) in both Shift_JIS and EUC-JP: detection cannot choose.
    const text = '日米';
    const euc = iconv.encode(text, 'euc-jp');
    const dir = tmp();
    writeFileSync(join(dir, 'e.txt'), euc);
    const forced = await readAll([join(dir, 'e.txt')], 'euc-jp');
    expect(forced.docs[0]?.text).toBe(text);
    expect(forced.docs[0]?.meta.encoding).toBe('euc-jp');
    const wrong = await readAll([join(dir, 'e.txt')], 'shift_jis');
    expect(wrong.docs[0]?.text ?? '').not.toBe(text);
    expect(wrong.docs[0]?.meta.encoding ?? 'shift_jis').toBe('shift_jis');
  });

  it('--encoding on the command line reaches the reader', async () => {
    const dir = tmp();
    const text = '同盟は揺るぎないと国務長官は述べた。\n';
    writeFileSync(join(dir, 's.txt'), iconv.encode(text, 'shift_jis'));
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (c: Buffer) => (err += c.toString()));
    stdout.resume();
    const code = await run(['analyze', join(dir, 's.txt'), '--db', join(dir, 'x.db'), '--encoding', 'euc-jp', '--format', 'json'], { stdout, stderr, stdin: Readable.from(['']) });
    // Shift_JIS bytes forced through EUC-JP are invalid: the reader says so instead of guessing.
    expect(err).toMatch(/invalid byte sequence|not valid euc-jp|cannot/);
    expect(code).toBeGreaterThanOrEqual(0);
  });

  it('an undecidable file gets a message, never mojibake', async () => {
    // Seeded bytes in 0x80–0xFF: neither UTF-8 nor plausible Japanese in any legacy encoding.
    let seed = 7;
    const bytes = Buffer.alloc(600);
    for (let i = 0; i < bytes.length; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      bytes[i] = 0x80 + (seed % 128);
    }
    const dir = tmp();
    writeFileSync(join(dir, 'x.txt'), bytes);
    const { docs, messages } = await readAll([join(dir, 'x.txt')]);
    expect(docs).toEqual([]);
    const fatal = messages.find((m) => m.severity === 'fatal');
    expect(fatal?.place.file).toContain('x.txt');
    expect(fatal?.reason).toMatch(/encoding/);
  });
});

describe('normalization with offsets into the original (Part 2)', () => {
  it('full-width Latin and digits and half-width katakana match patterns written plainly', () => {
    const original = 'ＧＤＰ比２％への増額を迫る米側に対し、ｼﾞｬﾊﾟﾝ･ﾊﾟｯｼﾝｸﾞを恐れる声も出た。';
    const n = normalize(original);
    expect(n.text).toContain('GDP比2%');
    expect(n.text).toContain('ジャパン・パッシング');
    expect(matchIn('GDP比2%', original)).toEqual(['ＧＤＰ比２％']);
    expect(matchIn('ジャパン・パッシング', original)).toEqual(['ｼﾞｬﾊﾟﾝ･ﾊﾟｯｼﾝｸﾞ']);
  });

  it('iteration marks are written out in the matching copy, the quote keeps them', () => {
    expect(foldJa('時々、人々、いすゞ、こゝろ、バヽ')).toBe('時時、人人、いすず、こころ、バハ');
    expect(matchIn('人人の懸念', '多くの人々の懸念が強まる。')).toEqual(['人々の懸念']);
    expect(matchIn('人々の懸念', '多くの人人の懸念が強まる。')).toEqual(['人人の懸念']);
    expect(matchIn('時時', '米国は時々強硬になる。')).toEqual(['時々']);
    expect(matchIn('いすず', '車はいすゞ製だった。')).toEqual(['いすゞ']);
    // An iteration mark with nothing to repeat stays as it is.
    expect(foldJa('々は')).toBe('々は');
  });

  it('long vowel variants: wave dash, tilde and dash after katakana, and a final long mark written or not', () => {
    const found = (p: string, s: string): string[] => matchIn(p, s);
    expect(found('コンピューター', 'コンピュ〜タ不足。')).toEqual(['コンピュ〜タ']);
    expect(found('コンピューター', 'コンピュ－ター不足。')).toEqual(['コンピュ－ター']);
    expect(found('コンピューター', 'ｺﾝﾋﾟｭｰﾀ不足。')).toEqual(['ｺﾝﾋﾟｭｰﾀ']);
    expect(found('コンピュータ', 'コンピューター不足。')).toEqual(['コンピューター']);
    expect(found('サーバー', 'サーバが落ちた。')).toEqual(['サーバ']);
    // Short words keep their long mark: ビー is not ビ.
    expect(found('ビー', 'ビが一つ。')).toEqual([]);
    // A dash between katakana and Latin is a dash.
    expect(foldJa('トヨタ-GM')).toBe('トヨタ-GM');
  });

  it('kanji and kana spellings of one word match one pattern (codebook readings)', () => {
    const readings = { 見捨: 'み・す', 言: 'い', 成: 'な', 巻: 'ま(き)', 込: 'こ', 懸念: 'けねん' };
    for (const s of ['見捨てる', '見すてる', 'み捨てる', 'みすてる']) expect(matchIn('見捨てる', `米国は日本を${s}のか。`, readings)).toEqual([s]);
    for (const s of ['言い成り', '言いなり', 'いいなり', '言成り']) expect(matchIn('言い成り', `米国の${s}だ。`, readings)).toEqual([s]);
    for (const s of ['巻き込む', '巻きこむ', 'まき込む', '巻込む']) expect(matchIn('巻き込む', `紛争に${s}。`, readings)).toEqual([s]);
    // Okurigana the pattern leaves out is added from the reading (巻: ま(き)).
    expect(matchIn('巻込む', '紛争に巻き込む。', readings)).toEqual(['巻き込む']);
    expect(matchIn('懸念', '強いけねんがある。', readings)).toEqual(['けねん']);
    // No mixed spelling that drops okurigana next to kana (巻こむ), no kana reading glued to a particle
    // (と言う is not という), no split compound (発言 is not 発い), nothing shorter than 3 kana on its own.
    expect(matchIn('巻き込む', '巻こむ。', readings)).toEqual([]);
    expect(matchIn('と言う', 'ポチという言葉。', readings)).toEqual([]);
    expect(matchIn('発言', '発いた。', readings)).toEqual([]);
    expect(matchIn('捨てる', 'すてきな同盟。', { 捨: 'す' })).toEqual([]);
    // Kana after okurigana may be written in kanji when it is a reading followed by its own okurigana.
    for (const s of ['言いなり', 'いいなり', '言い成り']) expect(matchIn('言いなり', `米国の${s}だ。`, readings)).toEqual([s]);
    expect(matchIn('言うがまま', '言うが巻ま', { 巻: 'ま' })).toEqual([]);
    // Without readings, kanji never match kana.
    expect(matchIn('見捨てる', 'みすてる。')).toEqual([]);
  });

  it('the built-in codebook carries readings: kana spellings raise the same code', () => {
    const [a, b, c, d] = label(['識者は、日本が米国にみすてられかねないと語った。', '識者は、日本は米国のいいなりだと語った。', '識者は、米国の戦争に巻きこまれるとの懸念を示した。', '識者は、日本は米国の言い成りだと語った。']);
    expect(a?.codes).toContain('abandonment');
    expect(b?.codes).toContain('autonomy');
    expect(c?.codes).toContain('entrapment');
    expect(d?.codes).toContain('autonomy');
    const ev = a?.evidence.codes.find((h) => h.code === 'abandonment')?.evidence;
    expect(ev && a?.text.slice(ev.start, ev.end)).toBe(ev?.text);
    expect(ev?.text.startsWith('みすて')).toBe(true);
  });

  it('a malformed reading is a codebook error with its line', () => {
    const yaml = readFileSync(new URL('../codebooks/us-japan.yaml', import.meta.url), 'utf8').replace('\nreadings:\n', '\nreadings:\n  見放: み・は・な\n  abc: あ\n');
    const { codebook, messages } = loadCodebook(yaml, 'bad.yaml');
    expect(codebook).toBeUndefined();
    expect(messages.map((m) => m.reason).join('\n')).toMatch(/3 parts for 2 kanji/);
    expect(messages.map((m) => m.reason).join('\n')).toMatch(/kanji only/);
    expect(messages.every((m) => typeof m.place.line === 'number')).toBe(true);
  });
});

describe('sentence splitting (Part 3)', () => {
  const split = (t: string): string[] => splitSentences(t, 'ja').map((s) => t.slice(s.start, s.end));

  it('splits at 。！？ and at line ends', () => {
    expect(split('同盟は続く。本当か？続くとも！\n見出しの行\n次の行')).toEqual(['同盟は続く。', '本当か？', '続くとも！', '見出しの行', '次の行']);
  });

  it('never splits inside 「」『』（）, nested quotes included', () => {
    const t = '外相は「米側は『日本を守る。』と確約した。だから心配ない。」と述べた。（注：発言は要旨。以下同じ。）次の段落だ。';
    expect(split(t)).toEqual(['外相は「米側は『日本を守る。』と確約した。だから心配ない。」と述べた。', '（注：発言は要旨。以下同じ。）', '次の段落だ。']);
    const deep = '「『（一。）二。』三。」で終わる。後の文。';
    expect(split(deep)).toEqual(['「『（一。）二。』三。」で終わる。', '後の文。']);
  });
});

describe('conjugation-aware patterns (Part 4)', () => {
  const matches = (pattern: string, text: string): boolean => {
    const p = compilePattern(pattern).pattern;
    return p !== undefined && new RegExp(p.source, 'u').test(text);
  };

  it('a verb in its dictionary form matches its inflections', () => {
    for (const t of ['見捨てられる', '見捨てられかねない', '見捨てられた', '見捨てない', '見捨てて']) expect(matches('見捨てる', t)).toBe(true);
    expect(matches('巻き込まれる', '巻き込まれかねない')).toBe(true);
    expect(matches('巻き込まれる', '巻き込まれた')).toBe(true);
    expect(matches('逆らう', '逆らえない')).toBe(true);
    expect(matches('警戒する', '警戒している')).toBe(true);
  });

  it('single-kanji ichidan verbs inflect as ichidan, not godan', () => {
    const cases: Array<[string, string[]]> = [
      ['見る', ['見ている', '見られる', '見た', '見ない', '見れば']],
      ['居る', ['居た', '居ない']],
      ['着る', ['着ている', '着た']],
      ['寝る', ['寝ている', '寝た']],
      ['出る', ['出ている', '出た', '出ない', '出られる']],
      ['得る', ['得られる', '得た', '得ない']],
    ];
    for (const [verb, forms] of cases) for (const f of forms) expect(matches(verb, f), `${verb} → ${f}`).toBe(true);
    // The kanji alone, or another verb on the same kanji, is not an inflection.
    expect(matches('見る', '意見が割れた')).toBe(false);
    expect(matches('出る', '出す')).toBe(false);
    expect(matches('出る', '出さない')).toBe(false);
    expect(matches('出る', '出かける')).toBe(false);
    // Godan verbs written with one kanji keep their row.
    expect(matches('切る', '切った')).toBe(true);
    expect(matches('知る', '知らない')).toBe(true);
  });
});

describe('Japanese attribution and negation (Part 5)', () => {
  const claim = '日本が米国の戦争に巻き込まれかねない';
  const speakers: Array<[string, string]> = [
    ['米政府高官', 'washington'],
    ['国務長官', 'washington'],
    ['国防総省', 'washington'],
    ['首相', 'tokyo'],
    ['官房長官', 'tokyo'],
    ['外務省', 'tokyo'],
    ['防衛省', 'tokyo'],
    ['自民党', 'tokyo'],
    ['野党', 'tokyo'],
    ['識者', 'tokyo'],
    ['世論', 'tokyo'],
    ['中国外務省', 'other'],
    ['韓国政府', 'other'],
  ];
  const frames: Array<[string, (s: string) => string]> = [
    ['「…」と述べた', (s) => `${s}は「${claim}」と述べた。`],
    ['「…」と語った', (s) => `${s}は「${claim}」と語った。`],
    ['「…」と強調した', (s) => `${s}は「${claim}」と強調した。`],
    ['…との見方を示した', (s) => `${s}は${claim}との見方を示した。`],
    ['…との声が上がっている', (s) => `${s}からは${claim}との声が上がっている。`],
    ['…との懸念が広がる', (s) => `${s}の間では${claim}との懸念が広がる。`],
    ['…と指摘する声もある', (s) => `${s}の内部には${claim}と指摘する声もある。`],
  ];

  it('every listed reporting pattern gives the speaker’s side, for every listed speaker', () => {
    const units = speakers.flatMap(([s]) => frames.map(([, f]) => f(s)));
    // A Japanese paper (side tokyo) reports all of them: the side comes from the speaker, not the paper.
    const out = label(units, 'tokyo');
    let k = 0;
    for (const [s, side] of speakers) {
      for (const [name] of frames) {
        const u = out[k++];
        expect(u?.voice, `${s} ${name}`).toBe(side);
        expect(u?.codes, `${s} ${name}`).toContain('entrapment');
      }
    }
  });

  it('政府関係者によると and 米側は／日本側は', () => {
    const [a, b, c, d, e] = label([
      `政府関係者によると、${claim}という。`,
      `米政府関係者によると、${claim}という。`,
      `中国外務省の報道官によれば、${claim}という。`,
      `米側は${claim}と主張している。`,
      `日本側は${claim}と主張している。`,
    ]);
    expect(a?.voice).toBe('tokyo');
    expect(b?.voice).toBe('washington');
    expect(c?.voice).toBe('other');
    expect(d?.voice).toBe('washington');
    expect(e?.voice).toBe('tokyo');
  });

  it('every listed negation turns the code into negated', () => {
    const units = [
      '日本が米国に見捨てられるわけではない。',
      '日本が米国に見捨てられるとは限らない。',
      '与党内からは、米国に見捨てられるとの声は聞かれなかった。',
      '米国に見捨てられるとの心配は杞憂だ。',
      '官房長官は、米国に見捨てられるとの見方を否定した。',
    ];
    for (const u of label(units)) {
      expect(u.negated, u.text).toContain('abandonment');
      expect(u.codes, u.text).not.toContain('abandonment');
    }
  });
});

describe('bilingual evidence and one scale for both languages (Part 6)', () => {
  async function analyze(files: Record<string, string>): Promise<{ dir: string; db: string; html: string; json: string }> {
    const dir = tmp();
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const db = join(dir, 'x.db');
    const io = (): { stdout: PassThrough; stderr: PassThrough; stdin: Readable; out: () => string } => {
      const stdout = new PassThrough();
      let out = '';
      stdout.on('data', (c: Buffer) => (out += c.toString()));
      const stderr = new PassThrough();
      stderr.resume();
      return { stdout, stderr, stdin: Readable.from(['']), out: () => out };
    };
    const a = io();
    expect(await run(['analyze', dir, '--db', db, '--ext', 'md', '--format', 'json'], a)).toBe(0);
    const h = io();
    expect(await run(['report', '--db', db, '--format', 'html', '--output', join(dir, 'r.html')], h)).toBe(0);
    const j = io();
    expect(await run(['report', '--db', db, '--format', 'json'], j)).toBe(0);
    return { dir, db, html: readFileSync(join(dir, 'r.html'), 'utf8'), json: j.out() };
  }

  it('a Japanese quote is shown as written, its matched span marked, and en + ja count on one scale', async () => {
    const ja = '識者は「米国はｼﾞｬﾊﾟﾝ･ﾊﾟｯｼﾝｸﾞに傾いている」と語った。';
    const { html, json } = await analyze({
      'ja.md': `---\nside: tokyo\nlang: ja\ndate: 2024-05-01\n---\n${ja}\n\n防衛相は「日本が米国の戦争に巻き込まれかねない」と語った。\n`,
      'en.md': '---\nside: tokyo\ndate: 2024-05-02\n---\nJapanese officials fear that Japan will be dragged into a war not of its choosing.\n',
      'us.md': '---\nside: washington\ndate: 2024-05-03\n---\nA senior U.S. official said Washington fears being dragged into a conflict over Taiwan.\n',
    });
    // The half-width original is shown, not its normalised form, inside a code mark.
    const marks = [...html.matchAll(/<mark class="code"[^>]*>([^<]*)<\/mark>/g)].map((m) => m[1] ?? '');
    expect(marks).toContain('ｼﾞｬﾊﾟﾝ･ﾊﾟｯｼﾝｸﾞ');
    // The whole sentence reads as written once the marks are taken out.
    const plain = html.replace(/<\/?mark[^>]*>/g, '');
    expect(plain).toContain(ja);
    expect(plain).not.toContain('ジャパン・パッシングに傾いている');
    // One table: the tokyo entrapment count adds the Japanese and the English sentence.
    const m = JSON.parse(json) as { codes: Record<string, Record<string, { raised: number }>>; voices: Record<string, { sentences: number }> };
    expect(m.codes.entrapment?.tokyo?.raised).toBe(2);
    expect(m.codes.entrapment?.washington?.raised).toBe(1);
    expect(m.voices.tokyo?.sentences).toBe(3);
  });

  it('label --evidence gives the Japanese span exactly as written', () => {
    const text = '識者は、米国にみすてられるとのけねんを示した。';
    const [u] = label([text]);
    const hit = u?.evidence.codes.find((h) => h.code === 'abandonment');
    expect(hit?.evidence.text).toBe(text.slice(hit?.evidence.start, hit?.evidence.end));
    expect(hit?.evidence.text).toMatch(/^みすてられ/);
  });
});

describe('readings stay cheap', () => {
  it('the reading table compiles each key once and spellings stay few', () => {
    const t = readingTable(builtinCodebook().spec.readings);
    expect(t.byKey.size).toBeGreaterThan(10);
    for (const p of ['見捨てられる', '巻き込まれる', '言いなり', '懸念する']) {
      const src = compilePattern(p, t).pattern?.source ?? '';
      expect(src.split('|').length).toBeLessThan(200);
    }
  });
});
