import { describe, expect, it } from 'vitest';
import { decodeBytes, japaneseScore, sniffEncoding } from '../src/read/decode.js';

/** A tiny encoder for the legacy Japanese encodings: a reverse map built by decoding their code space. */
function reverseMap(encoding: 'shift_jis' | 'euc-jp'): Map<string, number[]> {
  const dec = new TextDecoder(encoding, { fatal: true });
  const map = new Map<string, number[]>();
  const add = (bytes: number[]): void => {
    try {
      const ch = dec.decode(new Uint8Array(bytes));
      if ([...ch].length === 1 && !map.has(ch)) map.set(ch, bytes);
    } catch {
      // not a character in this encoding
    }
  };
  if (encoding === 'shift_jis') {
    for (let b = 0xa1; b <= 0xdf; b++) add([b]);
    for (let lead = 0x81; lead <= 0xfc; lead++) {
      if (lead > 0x9f && lead < 0xe0) continue;
      for (let trail = 0x40; trail <= 0xfc; trail++) if (trail !== 0x7f) add([lead, trail]);
    }
  } else {
    for (let b = 0xa1; b <= 0xdf; b++) add([0x8e, b]);
    for (let lead = 0xa1; lead <= 0xfe; lead++) for (let trail = 0xa1; trail <= 0xfe; trail++) add([lead, trail]);
  }
  return map;
}
const SJIS = reverseMap('shift_jis');
const EUC = reverseMap('euc-jp');

function encode(text: string, encoding: 'shift_jis' | 'euc-jp' | 'iso-2022-jp'): Buffer {
  const out: number[] = [];
  let inJis = false;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) {
      if (inJis) out.push(0x1b, 0x28, 0x42);
      inJis = false;
      out.push(c);
      continue;
    }
    const bytes = (encoding === 'shift_jis' ? SJIS : EUC).get(ch);
    if (!bytes) throw new Error(`test encoder: no ${encoding} bytes for ${ch}`);
    if (encoding === 'iso-2022-jp') {
      if (!inJis) out.push(0x1b, 0x24, 0x42);
      inJis = true;
      out.push((bytes[0] ?? 0) - 0x80, (bytes[1] ?? 0) - 0x80);
    } else out.push(...bytes);
  }
  if (inJis) out.push(0x1b, 0x28, 0x42);
  return Buffer.from(out);
}

const JA = '日米同盟は史上最良だと言われるが、日本側には「見捨てられ」への不安がある。\n米国は支持を約束した。';

describe('decodeBytes', () => {
  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeBytes(Buffer.from(JA, 'utf8'))).toEqual({ text: JA, encoding: 'utf-8', messages: [] });
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JA, 'utf8')]);
    expect(decodeBytes(bom)).toMatchObject({ text: JA, encoding: 'utf-8' });
  });

  it('reads UTF-16 LE and BE with a BOM, and LE without one', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JA, 'utf16le')]);
    expect(decodeBytes(le)).toMatchObject({ text: JA, encoding: 'utf-16le' });
    const beBody = Buffer.from(JA, 'utf16le').swap16();
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), beBody]);
    expect(decodeBytes(be)).toMatchObject({ text: JA, encoding: 'utf-16be' });
    const plain = 'The alliance is strong.\nTokyo agrees.';
    expect(decodeBytes(Buffer.from(plain, 'utf16le'))).toMatchObject({ text: plain, encoding: 'utf-16le' });
  });

  it('tells Shift_JIS, EUC-JP and ISO-2022-JP apart', () => {
    for (const enc of ['shift_jis', 'euc-jp', 'iso-2022-jp'] as const) {
      const bytes = encode(JA, enc);
      expect(bytes.equals(Buffer.from(JA, 'utf8'))).toBe(false);
      const d = decodeBytes(bytes, { file: `a.${enc}` });
      expect(d.encoding, enc).toBe(enc);
      expect(d.text).toBe(JA);
      expect(d.messages).toEqual([]);
    }
  });

  it('tells short katakana-heavy texts apart too', () => {
    const text = 'ジャパン・パッシングとナショナリズム。';
    expect(decodeBytes(encode(text, 'euc-jp')).encoding).toBe('euc-jp');
    expect(decodeBytes(encode(text, 'shift_jis')).encoding).toBe('shift_jis');
  });

  it('lets --encoding override detection', () => {
    const bytes = encode(JA, 'shift_jis');
    expect(decodeBytes(bytes, { encoding: 'SJIS' })).toMatchObject({ text: JA, encoding: 'shift_jis' });
    // Forced wrongly: decoded with replacement characters and a warning, never silently.
    const wrong = decodeBytes(bytes, { encoding: 'utf-8', file: 'x.txt' });
    expect(wrong.messages[0]).toMatchObject({ severity: 'warning', ruleId: 'read:invalid-bytes', place: { file: 'x.txt' } });
    expect(decodeBytes(bytes, { encoding: 'klingon' }).messages[0]).toMatchObject({ severity: 'fatal', ruleId: 'read:unknown-encoding' });
  });

  it('skips binary files with a fatal message', () => {
    const bin = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x01, 0x00]);
    const d = decodeBytes(bin, { file: 'img.txt' });
    expect(d.text).toBeUndefined();
    expect(d.messages).toEqual([expect.objectContaining({ severity: 'fatal', ruleId: 'read:binary', reason: 'binary file, skipped', place: { file: 'img.txt' } })]);
  });

  it('warns about empty and whitespace-only files', () => {
    for (const bytes of [Buffer.alloc(0), Buffer.from(' \n\t\n'), Buffer.from('\u3000\n', 'utf8')]) {
      const d = decodeBytes(bytes, { file: 'e.txt' });
      expect(d.text).toBeUndefined();
      expect(d.messages).toEqual([expect.objectContaining({ severity: 'warning', ruleId: 'read:empty', reason: 'empty, skipped' })]);
    }
  });

  it('refuses invalid UTF-8 that is no Japanese encoding, instead of producing mojibake', () => {
    // Latin-1 French and random high bytes (fixed seed)
    let seed = 7;
    const rnd = (): number => (seed = (seed * 48271) % 2147483647) % 256;
    const random = Buffer.from(Array.from({ length: 400 }, () => 0x80 + (rnd() % 0x80)));
    const latin1 = Buffer.from('Le café était très animé à Paris. Où êtes-vous ? Ça va. Été, noël, garçon.', 'latin1');
    for (const bytes of [random, latin1]) {
      const d = decodeBytes(bytes, { file: 'bad.txt' });
      expect(d.text).toBeUndefined();
      expect(d.messages).toEqual([expect.objectContaining({ severity: 'fatal', ruleId: 'read:encoding', reason: 'cannot tell the text encoding; pass --encoding' })]);
    }
  });

  it('scores Japanese plausibility', () => {
    expect(japaneseScore('日米同盟')).toBe(1);
    expect(japaneseScore('ﾆﾁﾍﾞｲ')).toBeLessThan(0.5);
    expect(japaneseScore('abc')).toBe(0);
  });
});

describe('sniffEncoding', () => {
  it('detects from a sample cut in the middle of a character', () => {
    const line = Buffer.from('{"text":"日米同盟は揺るがない。"}\n', 'utf8');
    const big = Buffer.concat(Array.from({ length: 1000 }, () => line));
    expect(sniffEncoding(big.subarray(0, 10001))).toMatchObject({ encoding: 'utf-8', bomLength: 0 });
    const sjis = Buffer.concat(Array.from({ length: 1000 }, () => encode('{"text":"日米同盟は揺るがない。"}\n', 'shift_jis')));
    expect(sniffEncoding(sjis.subarray(0, 9999)).encoding).toBe('shift_jis');
    expect(sniffEncoding(Buffer.from([0xff, 0xfe, 0x7b, 0x00]))).toMatchObject({ encoding: 'utf-16le', bomLength: 2 });
  });
});
