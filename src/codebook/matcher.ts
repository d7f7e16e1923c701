/**
 * The one-pass scanner: every pattern of a codebook is filed under its literal anchors; a sentence
 * is walked once and, at each position whose first characters are an anchor, only the patterns
 * filed there are confirmed (sticky regexes). Raw `re:` patterns are the only ones run per sentence.
 */
import { compilePattern, foldJa, readingTable } from './pattern.js';

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
  scan(norm: string): ScanHit[];
}

interface Compiled {
  entry: PatternEntry;
  re: RegExp;
  /** Ids of words a match needs (one of each inner list), null when none is known. */
  needs: number[][] | null;
  /** One word a match needs on its own (the longest such), checked first as the cheapest test; -1 when none. */
  gate: number;
  /** Japanese: the possible first two characters of a match, null when unknown. */
  heads: string[] | null;
}

const JA_ANY = /[\u3000-\uffff]/u;

/** Japanese patterns by first character: those of unknown second character, and by second character (original order kept). */
interface JaStart {
  only: Compiled[] | undefined;
  pairs: Map<number, Compiled[]>;
}

/**
 * A trie over lowercased letters and digits, flat in typed arrays (node 0 is the root): patterns
 * filed under a whole first word or a 1–3 character prefix, and the words some pattern requires.
 */
class Trie {
  /** kids[node * 36 + slot] = child node, 0 when none. */
  kids: Int32Array = new Int32Array(36);
  word: Array<Compiled[] | undefined> = [undefined];
  prefix: Array<Compiled[] | undefined> = [undefined];
  /** Id of the required word ending at a node, -1 when none. */
  req: number[] = [-1];
  private size = 1;

  /** The node for `key` (lowercase letters and digits), created when missing. */
  node(key: string): number {
    let node = 0;
    for (let k = 0; k < key.length; k++) {
      const at = node * 36 + slot(key.charCodeAt(k));
      let next = this.kids[at] as number;
      if (next === 0) {
        next = this.size++;
        if (this.size * 36 > this.kids.length) {
          const grown = new Int32Array(this.kids.length * 2);
          grown.set(this.kids);
          this.kids = grown;
        }
        this.kids[at] = next;
        this.word.push(undefined);
        this.prefix.push(undefined);
        this.req.push(-1);
      }
      node = next;
    }
    return node;
  }
}

/** A 16-bit hash of two UTF-16 code units. */
function pairHash(c1: number, c2: number): number {
  return ((c1 * 0x9e37) ^ c2) & 0xffff;
}

/** Trie slot of an ASCII letter (either case) or digit. */
function slot(c: number): number {
  return c <= 57 ? c - 48 : (c | 32) - 87;
}

/** WORD[c] = trie slot + 1 for an ASCII letter or digit, 0 for any other code unit below 128. */
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
 * @example
 * const m = buildMatcher([{ kind: 'code', owner: 'x', text: 'lap dog', rule: 'code:x/en:0', lang: 'en' }]);
 * m.scan('a lap dog').length; // 1
 */
export function buildMatcher(entries: PatternEntry[], readings?: Readonly<Record<string, string | readonly string[]>>): Matcher {
  const table = readingTable(readings);
  const enWords = new Map<string, Compiled[]>();
  const enMap = new Map<string, Compiled[]>();
  const jaMap = new Map<string, Compiled[]>();
  const raw: Compiled[] = [];
  const kept: PatternEntry[] = [];
  const reqIds = new Map<string, number>();
  const reqId = (w: string): number => {
    let id = reqIds.get(w);
    if (id === undefined) {
      id = reqIds.size;
      reqIds.set(w, id);
    }
    return id;
  };
  for (const entry of entries) {
    const { pattern } = compilePattern(entry.text, table);
    if (!pattern) continue;
    kept.push(entry);
    if (pattern.raw) {
      raw.push({ entry, re: new RegExp(pattern.source, 'giu'), needs: null, gate: -1, heads: null });
      continue;
    }
    // English patterns are plain ASCII-class regexes: the faster non-unicode engine suffices.
    const needs = pattern.requires?.map((alts) => alts.map(reqId)) ?? null;
    const single = (pattern.requires ?? []).filter((alts) => alts.length === 1).map((alts) => alts[0] as string);
    const gate = single.length > 0 ? reqId(single.reduce((a, b) => (b.length > a.length ? b : a))) : -1;
    const c: Compiled = { entry, re: new RegExp(pattern.source, pattern.lang === 'en' ? 'y' : 'uy'), needs, gate, heads: pattern.heads ?? null };
    // English patterns opening with a whole word are filed under that word; stems and punctuation under a prefix.
    const map = pattern.lang === 'ja' ? jaMap : pattern.words ? enWords : enMap;
    for (const a of pattern.lang === 'en' && pattern.words ? pattern.words : pattern.anchors) {
      const list = map.get(a);
      if (list) list.push(c);
      else map.set(a, [c]);
    }
  }
  // English anchors are found by walking each word once through a trie of the lowercased letter/digit keys:
  // a word start is worth confirming exactly when its whole word is a word key or its first 1–3 characters a prefix key.
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
    const entry: JaStart = { only: only.length > 0 ? only : undefined, pairs: new Map() };
    for (const h of new Set(list.flatMap((c) => c.heads ?? []))) {
      if (h.charCodeAt(0) === c1) {
        entry.pairs.set(h.charCodeAt(1), list.filter((c) => !c.heads || c.heads.includes(h)));
        pairSeen[pairHash(c1, h.charCodeAt(1))] = 1;
      }
    }
    jaAt[c1] = entry;
    if (c1 < 0x3000) jaLow = true;
  }
  const trie = new Trie();
  for (const [k, list] of enWords) trie.word[trie.node(k)] = list;
  for (const [k, list] of enMap) if (/^[a-z0-9]+$/.test(k)) trie.prefix[trie.node(k)] = list;
  for (const [w, id] of reqIds) trie.req[trie.node(w)] = id;
  const { kids, word: wordAt, prefix: prefixAtNode, req: reqAt } = trie;
  // seen[id] === stamp when the word with that id occurs in the sentence being scanned.
  const seen = new Int32Array(Math.max(1, reqIds.size));
  let stamp = 0;
  const candAt: number[] = [];
  const candList: Array<Compiled[] | undefined> = [];
  const ready = (c: Compiled): boolean => {
    if (c.gate >= 0 && seen[c.gate] !== stamp) return false;
    if (!c.needs) return true;
    for (const alts of c.needs) {
      let any = false;
      for (const id of alts) if (seen[id] === stamp) any = true;
      if (!any) return false;
    }
    return true;
  };
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
  const tryList = (norm: string, hits: ScanHit[], list: Compiled[] | undefined, i: number): void => {
    if (!list) return;
    for (const c of list) {
      if (!ready(c)) continue;
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
    const kidsHere = kids;
    let nc = 0;
    let i = 0;
    let prevWord = false;
    while (i < n) {
      const c = norm.charCodeAt(i);
      if (c < 128 && (WORD[c] as number) > 0) {
        // The word starts here (the loop steps over whole words); follow it down the trie.
        // node -1: the word has left the trie.
        let node = 0;
        let p1 = 0;
        let p2 = 0;
        let p3 = 0;
        let j = i;
        for (; j < n; j++) {
          const cj = norm.charCodeAt(j);
          const w = cj < 128 ? (WORD[cj] as number) : 0;
          if (w === 0) break;
          if (node >= 0) {
            node = (kidsHere[node * 36 + w - 1] as number) || -1;
            const depth = j - i;
            if (depth === 0) p1 = node;
            else if (depth === 1) p2 = node;
            else if (depth === 2) p3 = node;
          }
        }
        if (node > 0) {
          const r = reqAt[node] as number;
          if (r >= 0) seenHere[r] = st;
          const list = wordAt[node];
          if (list) {
            candAt[nc] = i;
            candList[nc++] = list;
          }
        }
        // The 1-, 2- and 3-character prefixes, in that order.
        for (let k = 1; k <= 3; k++) {
          const p = k === 1 ? p1 : k === 2 ? p2 : p3;
          const list = p > 0 ? prefixAtNode[p] : undefined;
          if (list) {
            candAt[nc] = i;
            candList[nc++] = list;
          }
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
            const list = enMap.get(k === 3 ? k3 : k3.slice(0, k));
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
        tryList(norm, hits, c2 >= 0 && pairSeen[pairHash(c, c2)] === 1 ? (at.pairs.get(c2) ?? at.only) : at.only, i);
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
  return { entries: kept, scan };
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
