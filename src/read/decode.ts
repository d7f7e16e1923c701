/**
 * Turning bytes into text: byte-order marks, strict UTF-8, and the three Japanese legacy encodings
 * (ISO-2022-JP, Shift_JIS/CP932, EUC-JP) told apart by which one yields plausible Japanese.
 * An undecidable input is reported, never decoded into mojibake.
 */
import { makeMessage } from '../messages.js';
import type { Message } from '../types.js';

/** What decoding found: the text (absent when the input is skipped), the encoding, and messages. */
export interface Decoded {
  text?: string;
  encoding?: string;
  messages: Message[];
}

export interface DecodeOptions {
  /** Force this encoding (any WHATWG label: utf-8, shift_jis, euc-jp, iso-2022-jp, utf-16le …). */
  encoding?: string;
  /** File name for the messages' place. */
  file?: string;
}

const SNIFF = 8192;

function msg(severity: 'info' | 'warning' | 'fatal', ruleId: string, reason: string, file?: string): Message {
  return makeMessage('read', ruleId, severity, reason, file === undefined ? {} : { file });
}

/** Decode strictly; undefined when the bytes are not valid in `encoding`. */
function tryDecode(bytes: Uint8Array, encoding: string): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * The canonical WHATWG name for an encoding label, or undefined when Node does not know it.
 *
 * @example
 * canonicalEncoding('SJIS'); // 'shift_jis'
 */
export function canonicalEncoding(label: string): string | undefined {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return undefined;
  }
}

/** The byte-order mark at the start of `bytes`, if any. */
function bomOf(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/** UTF-16 without a BOM shows NULs on one byte parity only (ASCII-range text); undefined when not so. */
function bomlessUtf16(bytes: Uint8Array): string | undefined {
  const n = Math.min(bytes.length, SNIFF) & ~1;
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  // Mostly-Latin UTF-16 has a NUL in nearly every pair on one side and almost none on the other.
  if (odd > pairs * 0.3 && even < pairs * 0.02) return 'utf-16le';
  if (even > pairs * 0.3 && odd < pairs * 0.02) return 'utf-16be';
  return undefined;
}

function hasNul(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SNIFF);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

/** ISO-2022-JP announces itself with ESC $ B / ESC $ @ / ESC ( J sequences in 7-bit text. */
function looksIso2022jp(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 1 << 16);
  for (let i = 0; i + 2 < n; i++) {
    if (bytes[i] !== 0x1b) continue;
    const a = bytes[i + 1];
    const b = bytes[i + 2];
    if ((a === 0x24 && (b === 0x42 || b === 0x40)) || (a === 0x28 && b === 0x4a)) return true;
  }
  return false;
}

/**
 * How plausible a decoded text is as Japanese: the share of its non-ASCII characters that are kana,
 * common kanji or Japanese punctuation (half-width katakana and rare ranges count little).
 *
 * @example
 * japaneseScore('日米同盟'); // 1
 */
export function japaneseScore(text: string): number {
  let total = 0;
  let good = 0;
  const n = Math.min(text.length, 1 << 16);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    total++;
    if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff01 && c <= 0xff5e)) good += 1;
    // Half-width katakana is legal but rare in prose: valid-looking Latin-1 bytes decode to it.
    else if (c >= 0xff61 && c <= 0xff9f) good += 0.2;
    else if (c === 0x2015 || c === 0x2010 || c === 0x2026 || c === 0x2025 || (c >= 0x2018 && c <= 0x201d) || c === 0x00d7 || c === 0x00a7 || c === 0x2192 || c === 0x25cb || c === 0x25cf || c === 0x25a0 || c === 0x25a1 || c === 0x2605 || c === 0x2606) good += 1;
    else if (c >= 0x0391 && c <= 0x044f) good += 0.5;
  }
  return total === 0 ? 0 : good / total;
}

function isBlank(text: string): boolean {
  return /^[\s\u3000\ufeff]*$/u.test(text);
}

/**
 * Decode a file's bytes: BOM, then strict UTF-8, then ISO-2022-JP, then Shift_JIS vs EUC-JP by
 * plausibility. `opts.encoding` overrides detection. Binary, undecidable and empty inputs come back
 * without text and with a message saying why.
 *
 * @example
 * decodeBytes(Buffer.from('日米', 'utf8'), { file: 'a.txt' }); // { text: '日米', encoding: 'utf-8', messages: [] }
 */
export function decodeBytes(bytes: Uint8Array, opts: DecodeOptions = {}): Decoded {
  const file = opts.file;
  const messages: Message[] = [];
  const done = (text: string, encoding: string): Decoded => {
    if (isBlank(text)) return { encoding, messages: [...messages, msg('warning', 'read:empty', 'empty, skipped', file)] };
    return { text, encoding, messages };
  };
  if (bytes.length === 0) return { messages: [msg('warning', 'read:empty', 'empty, skipped', file)] };

  if (opts.encoding !== undefined && opts.encoding !== '') {
    const enc = canonicalEncoding(opts.encoding);
    if (enc === undefined) return { messages: [msg('fatal', 'read:unknown-encoding', `unknown text encoding "${opts.encoding}"`, file)] };
    const strict = tryDecode(bytes, enc);
    if (strict !== undefined) return done(strict, enc);
    const loose = new TextDecoder(enc).decode(bytes);
    const bad = (loose.match(/\ufffd/g) ?? []).length;
    messages.push(msg('warning', 'read:invalid-bytes', `${bad} invalid byte sequence(s) for ${enc} replaced with U+FFFD`, file));
    return done(loose, enc);
  }

  const bom = bomOf(bytes);
  if (bom) {
    // TextDecoder drops the BOM itself.
    const strict = tryDecode(bytes, bom.encoding);
    if (strict !== undefined) return done(strict, bom.encoding);
    const loose = new TextDecoder(bom.encoding).decode(bytes);
    messages.push(msg('warning', 'read:invalid-bytes', `invalid byte sequences for ${bom.encoding} replaced with U+FFFD`, file));
    return done(loose, bom.encoding);
  }

  if (hasNul(bytes)) {
    const utf16 = bomlessUtf16(bytes);
    const text = utf16 === undefined ? undefined : tryDecode(bytes, utf16);
    if (utf16 !== undefined && text !== undefined) return done(text, utf16);
    return { messages: [msg('fatal', 'read:binary', 'binary file, skipped', file)] };
  }

  if (looksIso2022jp(bytes)) {
    const text = tryDecode(bytes, 'iso-2022-jp');
    if (text !== undefined) return done(text, 'iso-2022-jp');
  }

  const utf8 = tryDecode(bytes, 'utf-8');
  if (utf8 !== undefined) return done(utf8, 'utf-8');

  const candidates: Array<{ encoding: string; text: string; score: number }> = [];
  for (const encoding of ['shift_jis', 'euc-jp']) {
    const text = tryDecode(bytes, encoding);
    if (text !== undefined) candidates.push({ encoding, text, score: japaneseScore(text) });
  }
  candidates.sort((a, b) => b.score - a.score);
  const best = candidates[0];
  const second = candidates[1];
  // Demand clearly Japanese output, and a clear winner when both decoders accept the bytes.
  if (best && best.score >= 0.85 && (!second || best.score - second.score >= 0.05)) return done(best.text, best.encoding);
  return { messages: [msg('fatal', 'read:encoding', 'cannot tell the text encoding; pass --encoding', file)] };
}

/**
 * Pick the encoding of a stream from its first bytes (a sample that may end mid-character).
 * Returns the encoding and how many BOM bytes to skip, or a fatal message.
 *
 * @example
 * sniffEncoding(Buffer.from('{"text":"x"}\n')); // { encoding: 'utf-8', bomLength: 0, messages: [] }
 */
export function sniffEncoding(sample: Uint8Array, opts: DecodeOptions = {}): { encoding?: string; bomLength: number; messages: Message[] } {
  if (opts.encoding !== undefined && opts.encoding !== '') {
    const enc = canonicalEncoding(opts.encoding);
    if (enc === undefined) return { bomLength: 0, messages: [msg('fatal', 'read:unknown-encoding', `unknown text encoding "${opts.encoding}"`, opts.file)] };
    const bom = bomOf(sample);
    return { encoding: enc, bomLength: bom && bom.encoding === enc ? bom.length : 0, messages: [] };
  }
  const bom = bomOf(sample);
  if (bom) return { encoding: bom.encoding, bomLength: bom.length, messages: [] };
  // Cut at the last newline so a character split by the sample's end does not spoil the test.
  const cut = sample.lastIndexOf(0x0a);
  const head = cut > 0 && sample.length >= SNIFF ? sample.subarray(0, cut + 1) : sample;
  if (head.length === 0) return { encoding: 'utf-8', bomLength: 0, messages: [] };
  const d = decodeBytes(head, opts);
  if (d.encoding !== undefined) return { encoding: d.encoding, bomLength: 0, messages: [] };
  // Record formats are UTF-8 by convention: a few bad lines are reported one by one by the reader.
  if (d.messages.some((m) => m.ruleId === 'read:encoding')) return { encoding: 'utf-8', bomLength: 0, messages: [] };
  return { bomLength: 0, messages: d.messages.filter((m) => m.severity === 'fatal') };
}
