/**
 * The one-pass scanner: every pattern of a codebook is filed under its literal anchors; a sentence
 * is walked once and, at each position whose first characters are an anchor, only the patterns
 * filed there are confirmed (sticky regexes). Raw `re:` patterns are the only ones run per sentence.
 */
import { compilePattern, foldJa, readingTable, type CompiledPattern } from './pattern.js';

/** What a pattern is for: the part of the codebook it came from. */
export interface PatternEntry {
  /** Kind of rule: `cue`, `code`, `deny`, `exclude`, `neg-forward`, `tone-positive`, ... */
  kind: string;
  /** The side or code it belongs to ('' when none). */
  owner: string;
  /** The pattern as written. */
  text: string;
  /** Rule id for evidence, e.g. `code:abandonment/en:3`. */
  rule: string;
  lang: 'en' | 'ja';
}

/** One match of a pattern in a normalised sentence. */
export interface ScanHit {
  entry: PatternEntry;
  start: number;
  end: number;
}

/** A compiled set of patterns that scans a normalised sentence in one pass. */
export interface Matcher {
  readonly entries: readonly PatternEntry[];
  /** The compiled form of each kept entry (same order): plain data a worker thread can receive instead of compiling again. */
  readonly compiled: readonly CompiledPattern[];
  scan(norm: string): ScanHit[];
}

interface Compiled {
  entry: PatternEntry;
  re: RegExp;
  /** Ids of the words and groups of alternatives a match needs besides the gate (each must be seen); null when none. */
  need: Int32Array | null;
  /** One id a match needs (the longest word needed on its own, else a group), checked first as the cheapest test; -1 when none. */
  gate: number;
  /** Japanese: the possible first two characters of a match, null when unknown. */
  heads: string[] | null;
  /** Japanese: the possible first three characters of a match, null when unknown. */
  heads3: string[] | null;
}

/** The patterns filed under one key, with their gates side by side so that most are rejected without reading the pattern. */
interface Bucket {
  items: Compiled[];
  gates: Int32Array;
  /** Japanese patterns filed under their first two characters: the third characters each may go on with (null: any), or null for the whole bucket. */
  thirds: Array<Int32Array | null> | null;
}

/** A bucket of patterns, in their order; `pair`, the two characters a Japanese bucket is filed under. */
function bucket(items: Compiled[], pair?: string): Bucket {
  const gates = new Int32Array(items.length);
  items.forEach((c, k) => (gates[k] = c.gate));
  const thirds = pair === undefined ? null : items.map((c) => (c.heads3 ? Int32Array.from(new Set(c.heads3.filter((h) => h.startsWith(pair)).map((h) => h.charCodeAt(2)))) : null));
  return { items, gates, thirds: thirds && thirds.some((t) => t !== null) ? thirds : null };
}

const JA_ANY = /[\u3000-\uffff]/u;

/** Japanese patterns by first character: those of unknown second character, and by second character (original order kept). */
interface JaStart {
  only: Bucket | undefined;
  pairs: Map<number, Bucket>;
}

/** FNV-1a over the slots of a word's characters: the walk computes it while it steps over the word. */
const FNV_START = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** Slots of up to three characters as one index (each slot 1–36, so lengths 1, 2 and 3 never collide). */
const PREFIX_SPAN = 37 * 37 * 37;

/**
 * The English keys (lowercased letters and digits): whole words in an open-addressing hash table (a
 * word's patterns and its id as a required word), 1–3 character prefixes in a direct table. One hash
 * per word and three array reads replace a trie walk that read memory at every character.
 */
class WordTable {
  /** slots[h] = key index + 1, 0 when empty. */
  readonly slots: Int32Array;
  readonly mask: number;
  /** Each key's characters as `WORD` values (slot + 1), one after another; a key starts at off[k] and has len[k] characters. */
  readonly chars: Uint8Array;
  readonly off: Int32Array;
  readonly len: Int32Array;
  readonly word: Array<Bucket | undefined>;
  /** The ids a key stamps when met (its own as a required word, then its groups of alternatives): stamps[stampOff[k] .. stampOff[k + 1]). */
  readonly stamps: Int32Array;
  readonly stampOff: Int32Array;
  /** prefix[code of 1–3 characters] = bucket index + 1 in `prefixes`, 0 when none. */
  readonly prefix: Int32Array;
  readonly prefixes: Bucket[] = [];

  constructor(words: ReadonlyMap<string, Bucket>, prefixes: ReadonlyMap<string, Bucket>, reqIds: ReadonlyMap<string, number>, groupsOf: ReadonlyMap<string, number[]>) {
    const keys = [...new Set([...words.keys(), ...reqIds.keys()])];
    let size = 16;
    while (size < keys.length * 4) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    this.off = new Int32Array(keys.length);
    this.len = new Int32Array(keys.length);
    const stamps: number[] = [];
    this.stampOff = new Int32Array(keys.length + 1);
    this.word = keys.map((k) => words.get(k));
    this.chars = new Uint8Array(keys.reduce((a, k) => a + k.length, 0));
    let at = 0;
    keys.forEach((k, e) => {
      this.off[e] = at;
      this.len[e] = k.length;
      let h = FNV_START;
      for (let q = 0; q < k.length; q++) {
        const w = slot(k.charCodeAt(q)) + 1;
        this.chars[at++] = w;
        h = Math.imul(h ^ w, FNV_PRIME);
      }
      let sl = (h ^ (h >>> 15)) & this.mask;
      while (this.slots[sl] !== 0) sl = (sl + 1) & this.mask;
      this.slots[sl] = e + 1;
      const own = reqIds.get(k);
      if (own !== undefined) stamps.push(own);
      stamps.push(...(groupsOf.get(k) ?? []));
      this.stampOff[e + 1] = stamps.length;
    });
    this.stamps = Int32Array.from(stamps);
    this.prefix = new Int32Array(PREFIX_SPAN);
    for (const [k, b] of prefixes) {
      // Only letter/digit keys of 1–3 characters: the walk looks no deeper (punctuation keys have their own path).
      if (!/^[a-z0-9]{1,3}$/.test(k)) continue;
      let code = 0;
      for (let q = 0; q < k.length; q++) code = code * 37 + slot(k.charCodeAt(q)) + 1;
      this.prefixes.push(b);
      this.prefix[code] = this.prefixes.length;
    }
  }
}

/** A 16-bit hash of two UTF-16 code units. */
function pairHash(c1: number, c2: number): number {
  return ((c1 * 0x9e37) ^ c2) & 0xffff;
}

/** Slot (0–35) of an ASCII letter (either case) or digit. */
function slot(c: number): number {
  return c <= 57 ? c - 48 : (c | 32) - 87;
}

/** WORD[c] = slot + 1 for an ASCII letter or digit, 0 for any other code unit below 128. */
const WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) WORD[c] = isWordCode(c) ? slot(c) + 1 : 0;

function isWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * Build a matcher from pattern entries; patterns that do not compile are skipped (the codebook
 * loader reports them). `readings` is the codebook's `readings:` section: kana spellings of the
 * kanji in Japanese patterns match too.
 *
 * `compiled`, when given, holds the compiled pattern of every entry (a matcher's `compiled`, sent to
 * a worker with its `entries`): nothing is compiled again.
 *
 * @example
 * const m = buildMatcher([{ kind: 'code', owner: 'x', text: 'lap dog', rule: 'code:x/en:0', lang: 'en' }]);
 * m.scan('a lap dog').length; // 1
 */
export function buildMatcher(entries: PatternEntry[], readings?: Readonly<Record<string, string | readonly string[]>>, compiled?: readonly CompiledPattern[]): Matcher {
  if (compiled && compiled.length !== entries.length) throw new Error('matcher: compiled patterns do not match the entries');
  const table = readingTable(readings);
  const enWords = new Map<string, Compiled[]>();
  const enMap = new Map<string, Compiled[]>();
  const jaMap = new Map<string, Compiled[]>();
  const raw: Compiled[] = [];
  const kept: PatternEntry[] = [];
  // Ids of the words patterns require (0, 1, …), then of their groups of alternatives: a word met stamps its own id and its groups' ids.
  const reqIds = new Map<string, number>();
  const groupKeys = new Map<string, number>();
  const groupsOf = new Map<string, number[]>();
  const reqId = (w: string): number => {
    let id = reqIds.get(w);
    if (id === undefined) {
      id = reqIds.size;
      reqIds.set(w, id);
    }
    return id;
  };
  const pending: Array<{ c: Compiled; requires: string[][] }> = [];
  const keptCompiled: CompiledPattern[] = [];
  for (const [ei, entry] of entries.entries()) {
    const pattern = compiled ? compiled[ei] : compilePattern(entry.text, table).pattern;
    if (!pattern) continue;
    kept.push(entry);
    keptCompiled.push(pattern);
    if (pattern.raw) {
      raw.push({ entry, re: new RegExp(pattern.source, 'giu'), need: null, gate: -1, heads: null, heads3: null });
      continue;
    }
    // English patterns are plain ASCII-class regexes: the faster non-unicode engine suffices.
    const c: Compiled = { entry, re: new RegExp(pattern.source, pattern.lang === 'en' ? 'y' : 'uy'), need: null, gate: -1, heads: pattern.heads ?? null, heads3: pattern.heads3 ?? null };
    if (pattern.requires && pattern.requires.length > 0) pending.push({ c, requires: pattern.requires });
    // English patterns opening with a whole word are filed under that word; stems and punctuation under a prefix.
    const map = pattern.lang === 'ja' ? jaMap : pattern.words ? enWords : enMap;
    for (const a of pattern.lang === 'en' && pattern.words ? pattern.words : pattern.anchors) {
      const list = map.get(a);
      if (list) list.push(c);
      else map.set(a, [c]);
    }
  }
  // Words first (their ids as before: in order of first use), then each distinct group of two or more alternatives.
  for (const { requires } of pending) for (const alts of requires) if (alts.length === 1) reqId(alts[0] as string);
  for (const { requires } of pending) for (const alts of requires) for (const w of alts) reqId(w);
  const wordCount = reqIds.size;
  const groupId = (alts: string[]): number => {
    const key = [...new Set(alts)].sort().join(' ');
    let id = groupKeys.get(key);
    if (id === undefined) {
      id = wordCount + groupKeys.size;
      groupKeys.set(key, id);
      for (const w of new Set(alts)) (groupsOf.get(w) ?? groupsOf.set(w, []).get(w))?.push(id);
    }
    return id;
  };
  for (const { c, requires } of pending) {
    const single = requires.filter((alts) => alts.length === 1).map((alts) => alts[0] as string);
    const ids = [...new Set(requires.map((alts) => (new Set(alts).size === 1 ? reqId(alts[0] as string) : groupId(alts))))];
    // The gate, tested first from a flat array: the longest word needed on its own, else the first group.
    c.gate = single.length > 0 ? reqId(single.reduce((a, b) => (b.length > a.length ? b : a))) : (ids[0] as number);
    const rest = ids.filter((id) => id !== c.gate);
    c.need = rest.length > 0 ? Int32Array.from(rest) : null;
  }
  const buckets = (m: Map<string, Compiled[]>): Map<string, Bucket> => new Map([...m].map(([k, list]) => [k, bucket(list)]));
  const enWordBuckets = buckets(enWords);
  const enBuckets = buckets(enMap);
  // English anchors are found by hashing each word once: a word start is worth confirming exactly when its
  // whole word is a word key or its first 1–3 characters a prefix key.
  // Japanese lists narrowed by the second character, each keeping the original order: a pair's list holds the
  // patterns that can start with that pair plus those of unknown start; a first character alone, only the latter.
  const jaAt = new Array<JaStart | undefined>(65536).fill(undefined);
  // pairSeen[hash of the first two characters] = 1 when some pattern may start with such a pair: most kana
  // positions (kana spellings file patterns under common kana) are then passed over without a Map lookup.
  const pairSeen = new Uint8Array(65536);
  // Whether some Japanese pattern opens with a character below the kana block (GDP比2%, 5条).
  let jaLow = false;
  for (const [k, list] of jaMap) {
    const c1 = k.charCodeAt(0);
    const only = list.filter((c) => !c.heads);
    const entry: JaStart = { only: only.length > 0 ? bucket(only) : undefined, pairs: new Map() };
    for (const h of new Set(list.flatMap((c) => c.heads ?? []))) {
      if (h.charCodeAt(0) === c1) {
        entry.pairs.set(h.charCodeAt(1), bucket(list.filter((c) => !c.heads || c.heads.includes(h)), h));
        pairSeen[pairHash(c1, h.charCodeAt(1))] = 1;
      }
    }
    jaAt[c1] = entry;
    if (c1 < 0x3000) jaLow = true;
  }
  const words = new WordTable(enWordBuckets, enBuckets, reqIds, groupsOf);
  const { slots, mask, chars: keyChars, off: keyOff, len: keyLen, word: wordAt, stamps, stampOff, prefix: prefixCode, prefixes: prefixList } = words;
  // seen[id] === stamp when the word with that id occurs in the sentence being scanned.
  const seen = new Int32Array(Math.max(1, wordCount + groupKeys.size));
  let stamp = 0;
  const candAt: number[] = [];
  const candList: Array<Bucket | undefined> = [];
  // Prefix keys can also open with punctuation or other non-word characters: those starts are checked by one sticky regex.
  const esc = (k: string): string => k.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  const prefixKeys = [...enMap.keys()].sort((a, b) => b.length - a.length).map(esc);
  const prefixAt = prefixKeys.length > 0 ? new RegExp(`(?:${prefixKeys.join('|')})`, 'iy') : null;
  const firstOf = prefixKeys.length > 0 ? new RegExp(`^(?:${[...enMap.keys()].map((k) => esc(k.slice(0, 1))).join('|')})`, 'i') : null;
  // Whether a (non-word) code unit can open a prefix key, learnt on first sight: 0 unknown, 1 yes, 2 no.
  const opens = new Uint8Array(65536);
  const canOpen = (c: number): boolean => {
    let v = opens[c] as number;
    if (v === 0) {
      v = firstOf?.test(String.fromCharCode(c)) ? 1 : 2;
      opens[c] = v;
    }
    return v === 1;
  };
  const tryList = (norm: string, hits: ScanHit[], b: Bucket | undefined, i: number, c3 = -1): void => {
    if (!b) return;
    const { items, gates, thirds } = b;
    const st = stamp;
    const seenHere = seen;
    for (let k = 0; k < gates.length; k++) {
      // Most patterns fail on their gate word: tested from the flat array, the pattern itself is not read.
      const g = gates[k] as number;
      if (g >= 0 && seenHere[g] !== st) continue;
      const c = items[k] as Compiled;
      if (thirds !== null) {
        // A Japanese pattern whose first three characters are known: the third must be the text's (a typed-array test instead of a regex call).
        const th = thirds[k];
        if (th) {
          let ok = false;
          for (let q = 0; q < th.length; q++) {
            if (th[q] === c3) {
              ok = true;
              break;
            }
          }
          if (!ok) continue;
        }
      }
      const need = c.need;
      if (need !== null) {
        let ok = true;
        for (let q = 0; q < need.length; q++) {
          if (seenHere[need[q] as number] !== st) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
      }
      c.re.lastIndex = i;
      // A sticky test leaves lastIndex at the end of the match: no match array is built.
      if (c.re.test(norm)) hits.push({ entry: c.entry, start: i, end: c.re.lastIndex });
    }
  };
  /** First pass: the anchors' positions and lists into candAt/candList, and which required words the sentence holds; returns their number. */
  const walk = (norm: string): number => {
    // Everything the loop reads is a local: captured variables would be reloaded from the closure's context.
    const n = norm.length;
    const st = ++stamp;
    const seenHere = seen;
    const slotsHere = slots;
    let nc = 0;
    let i = 0;
    let prevWord = false;
    while (i < n) {
      const c = norm.charCodeAt(i);
      const w0 = c < 128 ? (WORD[c] as number) : 0;
      if (w0 > 0) {
        // The word starts here (the loop steps over whole words): hash it, and note its first three slots.
        let h = Math.imul(FNV_START ^ w0, FNV_PRIME);
        let code2 = 0;
        let code3 = 0;
        let j = i + 1;
        for (; j < n; j++) {
          const cj = norm.charCodeAt(j);
          const w = cj < 128 ? (WORD[cj] as number) : 0;
          if (w === 0) break;
          h = Math.imul(h ^ w, FNV_PRIME);
          if (j - i === 1) code2 = w0 * 37 + w;
          else if (j - i === 2) code3 = code2 * 37 + w;
        }
        const len = j - i;
        for (let sl = (h ^ (h >>> 15)) & mask; ; sl = (sl + 1) & mask) {
          const e1 = slotsHere[sl] as number;
          if (e1 === 0) break;
          const e = e1 - 1;
          if (keyLen[e] !== len) continue;
          const o = (keyOff[e] as number) - i;
          let q = i;
          while (q < j) {
            const cq = norm.charCodeAt(q);
            if (WORD[cq] !== keyChars[o + q]) break;
            q++;
          }
          if (q < j) continue;
          for (let q2 = stampOff[e] as number, end = stampOff[e + 1] as number; q2 < end; q2++) seenHere[stamps[q2] as number] = st;
          const list = wordAt[e];
          if (list) {
            candAt[nc] = i;
            candList[nc++] = list;
          }
          break;
        }
        // The 1-, 2- and 3-character prefixes, in that order.
        const p1 = prefixCode[w0] as number;
        if (p1 > 0) {
          candAt[nc] = i;
          candList[nc++] = prefixList[p1 - 1];
        }
        const p2 = code2 > 0 ? (prefixCode[code2] as number) : 0;
        if (p2 > 0) {
          candAt[nc] = i;
          candList[nc++] = prefixList[p2 - 1];
        }
        const p3 = code3 > 0 ? (prefixCode[code3] as number) : 0;
        if (p3 > 0) {
          candAt[nc] = i;
          candList[nc++] = prefixList[p3 - 1];
        }
        i = j;
        prevWord = true;
        continue;
      }
      if (!prevWord && prefixAt && canOpen(c)) {
        prefixAt.lastIndex = i;
        if (prefixAt.test(norm)) {
          const k3 = norm.slice(i, i + 3).toLowerCase();
          for (let k = 1; k <= k3.length; k++) {
            const list = enBuckets.get(k === 3 ? k3 : k3.slice(0, k));
            if (list) {
              candAt[nc] = i;
              candList[nc++] = list;
            }
          }
        }
      }
      prevWord = false;
      i++;
    }
    return nc;
  };
  const scan = (norm: string): ScanHit[] => {
    const hits: ScanHit[] = [];
    const n = norm.length;
    const nc = walk(norm);
    // Second pass, in the same order: confirm each anchored pattern whose required words are all there.
    for (let k = 0; k < nc; k++) {
      tryList(norm, hits, candList[k], candAt[k] as number);
      candList[k] = undefined;
    }
    if (jaMap.size > 0 && JA_ANY.test(norm)) {
      for (let i = 0; i < n; i++) {
        const c = norm.charCodeAt(i);
        const at = c >= 0x3000 || jaLow ? jaAt[c] : undefined;
        if (!at) continue;
        const c2 = i + 1 < n ? norm.charCodeAt(i + 1) : -1;
        tryList(norm, hits, c2 >= 0 && pairSeen[pairHash(c, c2)] === 1 ? (at.pairs.get(c2) ?? at.only) : at.only, i, i + 2 < n ? norm.charCodeAt(i + 2) : -1);
      }
    }
    for (const c of raw) {
      c.re.lastIndex = 0;
      for (const m of norm.matchAll(c.re)) {
        if (m[0].length > 0) hits.push({ entry: c.entry, start: m.index, end: m.index + m[0].length });
      }
    }
    return hits;
  };
  return { entries: kept, compiled: keptCompiled, scan };
}

/** A normalised sentence and the map from its offsets back to the original. */
export interface Normalized {
  text: string;
  /** `map[i]` is the original offset of normalised offset i (length text.length + 1); null = identity. */
  map: Int32Array | null;
}

const CURLY = /[‘’“”＂]/g;
const CURLY_MAP = new Map<string, string>([
  ['‘', "'"],
  ['’', "'"],
  ['“', '"'],
  ['”', '"'],
  ['＂', '"'],
]);

/**
 * PLAIN[c] = 1 for a code unit that `normalize` leaves as it is wherever it stands: printable ASCII
 * but the dash and tilde `foldJa` may rewrite, tab and line ends, CJK ideographs, kana letters (not
 * the voicing or iteration marks) and the CJK punctuation 、。〈〉《》「」『』【】. None of them
 * composes with its neighbour under NFKC (no combining marks, no Hangul), and each is checked to be
 * its own NFKC form.
 */
const PLAIN = new Uint8Array(65536);
for (const [from, to] of [[0x09, 0x0a], [0x0d, 0x0d], [0x20, 0x2c], [0x2e, 0x7d], [0x3001, 0x3002], [0x3008, 0x3011], [0x3041, 0x3096], [0x30a1, 0x30fc], [0x3400, 0x4dbf], [0x4e00, 0x9fff]] as const) {
  for (let c = from; c <= to; c++) {
    const ch = String.fromCharCode(c);
    if (ch.normalize('NFKC') === ch && !CURLY_MAP.has(ch)) PLAIN[c] = 1;
  }
}

/**
 * NFKC-normalise a sentence (straight quotes too) keeping a map back to original offsets; Japanese
 * iteration marks are written out and long-vowel variants after katakana become ー (`foldJa`,
 * which keeps the length, so the map is unchanged).
 *
 * @example
 * const n = normalize('ＧＤＰ比２％'); n.text; // 'GDP比2%'
 * normalize('人々').text; // '人人'
 */
export function normalize(text: string): Normalized {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return { text, map: null };
  // Most Japanese sentences hold only kanji, kana and plain punctuation, which nothing below changes: no NFKC call, no scans.
  let plain = true;
  for (let i = 0; i < text.length; i++) {
    if (PLAIN[text.charCodeAt(i)] === 0) {
      plain = false;
      break;
    }
  }
  if (plain) return { text, map: null };
  const whole = text.normalize('NFKC');
  if (whole.length === text.length) return { text: foldJa(whole.replace(CURLY, (c) => CURLY_MAP.get(c) ?? c)), map: null };
  const parts: string[] = [];
  const map: number[] = [];
  // Normalise cluster by cluster (a base character with its voicing or combining marks) so that ﾎﾟ composes to ポ.
  for (const m of text.matchAll(/[^\uff9e\uff9f\p{M}][\uff9e\uff9f\p{M}]*|[\s\S]/gu)) {
    const cl = m[0];
    const n = CURLY_MAP.get(cl) ?? cl.normalize('NFKC');
    parts.push(n);
    for (let k = 0; k < n.length; k++) map.push(m.index);
  }
  map.push(text.length);
  return { text: foldJa(parts.join('')), map: Int32Array.from(map) };
}

/**
 * Map a normalised span back to original offsets.
 *
 * @example
 * const n = normalize('ｶﾞ見捨てる'); toOriginal(n, 1, 4); // { start: 2, end: 5 }
 */
export function toOriginal(n: Normalized, start: number, end: number): { start: number; end: number } {
  if (!n.map) return { start, end };
  const s = n.map[start] ?? n.map[n.map.length - 1] ?? 0;
  // The end maps through the last character inside the span so that partial expansions stay whole.
  const lastIn = end > start ? (n.map[end - 1] ?? s) : s;
  let e = n.map[end] ?? n.map[n.map.length - 1] ?? s;
  if (e <= lastIn) e = lastIn + 1;
  return { start: s, end: e };
}
