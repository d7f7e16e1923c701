/**
 * The codebook's small pattern language, compiled to sticky regular expressions plus the literal
 * keys ("anchors") under which the one-pass scanner files them. See `src/codebook/README.md`.
 *
 * English: words separated by spaces, matched case-insensitively except for capital letters
 * (`US` does not match `us`); `word~` = any ending; `{a|b}` = alternatives (inside or as a word, and nested: `{own {way|path}|alone}`);
 * `word?` = optional word (so is a whole word that is one group, `{the|a}?`); `...` = up to 4 words in between, `...N` = up to N words; punctuation
 * is literal. Japanese: matched on NFKC text; `...`/`…` = up to 12 characters (`...N` = N) that do
 * not cross 。; `{a|b}` alternatives; a pattern ending in the dictionary form of a verb or an
 * い-adjective matches its inflected forms (`見捨てる` → 見捨てられる, 見捨てた); a final `=` keeps
 * it literal. Either language: `re:` followed by a JavaScript regular expression (flags `iu`).
 */

/** A compiled pattern. */
export interface CompiledPattern {
  /** Regular expression source (flags `y` for English, `uy` for Japanese, `iu` when `raw`). */
  source: string;
  /** Literal keys that a match must start with (lowercased for English); empty for raw regexes. */
  anchors: string[];
  /** English: the whole first word of every expansion, lowercased (letters and digits only), when the first token has no stem. */
  words?: string[];
  lang: 'en' | 'ja';
  raw: boolean;
  /**
   * English: whole words (lowercased letters and digits) a match must contain besides its first one;
   * each inner list holds alternatives, one of which is present. Lets a scanner skip hopeless patterns.
   */
  requires?: string[][];
  /**
   * Japanese: every possible first two characters of a match (exact, no case folding), when each
   * is known; a scanner can skip the pattern wherever the text starts otherwise.
   */
  heads?: string[];
  /** Japanese: every possible first three characters of a match, when each is known (a finer filter than `heads`). */
  heads3?: string[];
}

/** The outcome of compiling one pattern. */
export interface PatternResult {
  pattern?: CompiledPattern;
  error?: string;
}

const JA_CHAR = /[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/u;

/**
 * Tell the language a pattern is written in: Japanese when it holds a kana/kanji character.
 *
 * @example
 * patternLang('見捨てる'); // 'ja'
 */
export function patternLang(p: string): 'en' | 'ja' {
  return JA_CHAR.test(p) ? 'ja' : 'en';
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const EN_SEP = "(?:\\s*,\\s*|\\s*[\"”“]\\s*|\\s+)";
/**
 * A word a gap may skip: any run without a space or sentence punctuation, or an abbreviation whose periods end no
 * sentence ("U.S.", "U.K.", "Mr.", "Sen.": "promised it to the U.S. Congress before…" is one clause).
 */
const EN_GAP_WORD = "(?:(?:[A-Za-z]\\.){2,}|(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gen|Adm|Gov|Amb|Lt|Col|St|Prof)\\.|[^\\s.;:!?]+)";

/** Literal text where each lowercase ASCII letter also matches its capital. */
function caseFold(s: string): string {
  let out = '';
  for (const ch of s) {
    if (ch === ' ') out += EN_SEP;
    else if (ch >= 'a' && ch <= 'z') out += `[${ch}${ch.toUpperCase()}]`;
    else if (ch === "'") out += "['’]";
    else out += escapeRe(ch);
  }
  return out;
}

/** Most spellings one group may stand for once its nested groups are written out. */
const MAX_ALTERNATIVES = 256;

/** The index of the `}` that closes the `{` at `open`, counting nested groups; -1 when unclosed. */
function closingBrace(token: string, open: number): number {
  let depth = 0;
  for (let i = open; i < token.length; i++) {
    if (token[i] === '{') depth++;
    else if (token[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** Split at the top-level `|` of a group's inside (a `|` in a nested group belongs to that group). */
function topLevelAlternatives(inner: string): string[] {
  const alts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of inner) {
    if (ch === '{') depth++;
    if (ch === '}') depth--;
    if (ch === '|' && depth === 0) {
      alts.push(cur);
      cur = '';
    } else cur += ch;
  }
  alts.push(cur);
  return alts;
}

/**
 * Split at top-level `{...}` groups: returns segments, alternatives as string arrays. A group may nest groups
 * (`{its own {way|path}|of its own}`): their alternatives are written out in full, up to MAX_ALTERNATIVES.
 */
function splitAlternatives(token: string): { parts: Array<string | string[]>; error?: string } {
  const parts: Array<string | string[]> = [];
  let i = 0;
  let lit = '';
  while (i < token.length) {
    const ch = token[i] as string;
    if (ch === '{') {
      const close = closingBrace(token, i);
      if (close < 0) return { parts, error: `unclosed "{" in "${token}"` };
      if (lit) parts.push(lit);
      lit = '';
      const alts: string[] = [];
      for (const alt of topLevelAlternatives(token.slice(i + 1, close))) {
        if (!alt.includes('{')) {
          alts.push(alt);
          continue;
        }
        // A nested group: every spelling of the alternative, one per combination of its groups' alternatives.
        const inner = splitAlternatives(alt);
        if (inner.error) return { parts, error: inner.error };
        let spellings = [''];
        for (const p of inner.parts) {
          spellings = spellings.flatMap((a) => (typeof p === 'string' ? [a + p] : p.map((b) => a + b)));
          if (spellings.length > MAX_ALTERNATIVES) return { parts, error: `more than ${MAX_ALTERNATIVES} spellings in a group of "${token}"` };
        }
        alts.push(...spellings);
      }
      if (alts.length < 2 && alts[0] === '') return { parts, error: `empty alternatives in "${token}"` };
      // `{s}?` makes the group optional, like `{|s}`.
      const optional = token[close + 1] === '?';
      parts.push(optional ? [...alts, ''] : alts);
      i = close + (optional ? 2 : 1);
    } else if (ch === '}') {
      return { parts, error: `unopened "}" in "${token}"` };
    } else {
      lit += ch;
      i++;
    }
  }
  if (lit) parts.push(lit);
  return { parts };
}

/** Possible prefixes (up to `n` chars, lowercased unless `lower` is false) a token can start with. */
function prefixes(parts: Array<string | string[]>, n: number, lower = true): string[] {
  let acc = [''];
  for (const p of parts) {
    const opts = typeof p === 'string' ? [p] : p;
    const next: string[] = [];
    for (const a of acc) {
      if (a.length >= n) {
        next.push(a);
        continue;
      }
      for (const o of opts) next.push((a + o).slice(0, n));
    }
    acc = [...new Set(next)];
  }
  return lower ? acc.map((a) => a.toLowerCase()) : acc;
}

const EN_END = "(?![A-Za-z0-9\\u00C0-\\u024F])";
/** Any ending after a stem (`worr~`). */
const EN_STEM = "[A-Za-z\\u00C0-\\u024F'’-]*";

/**
 * Alternatives of a word's last `{...}` group that end in `~` (stems), with the `~` taken off:
 * `stems[k]` tells whether alternative k is a stem. A `~` in any other group is an error.
 */
function stemAlternatives(parts: Array<string | string[]>, src: string): { parts: Array<string | string[]>; stems?: boolean[]; error?: string } {
  const last = parts[parts.length - 1];
  const inner = parts.slice(0, -1);
  if (inner.some((p) => typeof p !== 'string' && p.some((a) => a.endsWith('~')))) return { parts, error: `pattern "${src}": "~" inside {...} only in a word's last group` };
  if (last === undefined || typeof last === 'string' || !last.some((a) => a.endsWith('~'))) return { parts };
  const stems = last.map((a) => a.endsWith('~'));
  const alts = last.map((a) => (a.endsWith('~') ? a.slice(0, -1) : a));
  if (alts.some((a, k) => stems[k] && a === '' && inner.length === 0)) return { parts, error: `pattern "${src}": "~" needs a stem before it` };
  return { parts: [...inner, alts], stems };
}

/** Split an English pattern on spaces that are not inside `{...}`. */
function tokenize(src: string): string[] {
  const tokens: string[] = [];
  let cur = '';
  let depth = 0;
  for (const ch of src.trim()) {
    if (ch === '{') depth++;
    if (ch === '}') depth = Math.max(0, depth - 1);
    if (/\s/.test(ch) && depth === 0) {
      if (cur) tokens.push(cur);
      cur = '';
    } else cur += depth > 0 && /\s/.test(ch) ? ' ' : ch;
  }
  if (cur) tokens.push(cur);
  return tokens;
}

/**
 * The longest run of letters and digits that is a whole word (in the scanner's sense: ASCII letters
 * and digits between other characters) of any text a token's spelling `w` (lowercased) matches,
 * when the token follows a separator: a run that opens the spelling or follows punctuation in it,
 * and ends before punctuation in it or at its end when the token must end at a word boundary
 * (`atEnd`). Null when there is none, or when `w` holds other than ASCII (its case folding may
 * change lengths).
 */
function wholeWord(w: string, atEnd: boolean): string | null {
  // eslint-disable-next-line no-control-regex
  if (!/^[\x00-\x7f]+$/u.test(w)) return null;
  let best: string | null = null;
  for (const m of w.matchAll(/[a-z0-9]+/gu)) {
    const end = m.index + m[0].length;
    if (end === w.length && !atEnd) continue;
    if (best === null || m[0].length > best.length) best = m[0];
  }
  return best;
}

function compileEn(src: string): PatternResult {
  const tokens = tokenize(src);
  if (tokens.length === 0) return { error: 'empty pattern' };
  let source = '';
  let anchors: string[] = [];
  let pendingGap = 0;
  let first = true;
  let firstWords: string[] | undefined;
  const requires: string[][] = [];
  for (let ti = 0; ti < tokens.length; ti++) {
    let tok = tokens[ti] as string;
    const gap = /^(?:\.\.\.|…)(\d*)$/.exec(tok);
    if (gap) {
      if (first) return { error: `pattern "${src}" cannot start with a gap` };
      pendingGap = gap[1] ? Number(gap[1]) : 4;
      continue;
    }
    let optional = false;
    let stem = false;
    if (tok.length > 1 && tok.endsWith('?') && !tok.endsWith('}?')) {
      optional = true;
      tok = tok.slice(0, -1);
    }
    // A whole word that is one optional group (`{full}?`, `{the|a}?`, `{the|}`) is an optional word: when it is absent,
    // the words either side of it need one separator, not two.
    const lone = /^\{([^{}]*)\}(\??)$/u.exec(tok);
    if (lone && !optional) {
      const alts = (lone[1] as string).split('|');
      if (lone[2] === '?' || (alts.includes('') && alts.some((a) => a !== ''))) {
        optional = true;
        const kept = alts.filter((a) => a !== '');
        tok = kept.length === 1 ? (kept[0] as string) : `{${kept.join('|')}}`;
      }
    }
    if (tok.length > 1 && tok.endsWith('~')) {
      stem = true;
      tok = tok.slice(0, -1);
    }
    const split = splitAlternatives(tok);
    if (split.error) return { error: split.error };
    // `{deepen~|grow~}`: an alternative ending in `~` takes any ending; allowed only in a word's last group.
    const { parts, stems: altStems, error } = stemAlternatives(split.parts, src);
    if (error) return { error };
    let body = '';
    for (const p of parts) {
      if (typeof p === 'string') body += caseFold(p);
      else if (altStems && p === parts[parts.length - 1]) body += `(?:${p.map((a, k) => (altStems[k] ? caseFold(a) + EN_STEM : `${caseFold(a)}${EN_END}`)).join('|')})`;
      else body += `(?:${p.map(caseFold).join('|')})`;
    }
    if (stem) body += EN_STEM;
    const lastChar = tok[tok.length - 1] ?? '';
    // A word that ends in a letter or digit must end at a word boundary (a stem alternative has set its own ends); punctuation need not.
    const needsEnd = /[\p{L}\p{N}}]/u.test(lastChar) && !stem && !altStems;
    if (needsEnd) body += EN_END;
    if (first) {
      if (optional) return { error: `pattern "${src}" cannot start with an optional word` };
      anchors = prefixes(parts, 3).filter((a) => a.length > 0);
      if (anchors.length === 0) return { error: `pattern "${src}" has no literal start` };
      if (!stem && !altStems) {
        const full = prefixes(parts, 1000).map((x) => /^[a-z0-9]*/u.exec(x)?.[0] ?? '');
        // Tokens that open with punctuation or end in a word-internal stem keep the prefix anchors.
        if (full.every((w) => w.length > 0) && full.length <= 256) firstWords = [...new Set(full)];
      }
      source += body;
      first = false;
    } else {
      // A compulsory token follows a separator: each of its spellings holds a whole word of any match (see wholeWord).
      if (!optional && !stem && !altStems) {
        const whole = prefixes(parts, 1000).map((w) => wholeWord(w, needsEnd));
        if (whole.every((w) => w !== null)) requires.push([...new Set(whole as string[])]);
      }
      const sep = pendingGap > 0 ? `${EN_SEP}(?:${EN_GAP_WORD}${EN_SEP}){0,${pendingGap}}` : EN_SEP;
      source += optional ? `(?:${sep}${body})?` : `${sep}${body}`;
      pendingGap = 0;
    }
  }
  if (pendingGap > 0) return { error: `pattern "${src}" cannot end with a gap` };
  return { pattern: { source, anchors, lang: 'en', raw: false, ...(firstWords ? { words: firstWords } : {}), ...(requires.length > 0 ? { requires } : {}) } };
}

const E_ROW = 'えけせてねへめれげぜでべぺいきしちにひみりぎじびぴ';
const GODAN_ROWS = new Map<string, string>([
  ['う', 'わいうえおっ'],
  ['く', 'かきくけこい'],
  ['ぐ', 'がぎぐげごい'],
  ['す', 'さしすせそ'],
  ['つ', 'たちつてとっ'],
  ['ぬ', 'なにぬねのん'],
  ['ぶ', 'ばびぶべぼん'],
  ['む', 'まみむめもん'],
  ['る', 'らりるれろっ'],
]);

/**
 * Kanji of the common ichidan verbs written with one kanji and る (見る, 居る, 着る, 寝る, 出る, 得る, ...):
 * the kanji hides the -iru/-eru stem, so the ending alone cannot tell them from godan verbs (切る, 知る).
 * 来る (くる) inflects on the same kanji stem (来た, 来ない, 来られる) and is listed with them.
 */
const ICHIDAN_ONE_KANJI = '見観視診看居着寝出得似煮干射経来';
const KANJI = /[\u3400-\u9fff\uf900-\ufaff]/u;

/** How a dictionary form inflects: the characters of its end that change and the regex of what may replace them. */
interface Inflection {
  cut: number;
  ending: string;
}

/** The inflection of a Japanese literal ending in the dictionary form of a verb or い-adjective, or null. */
function inflection(lit: string): Inflection | null {
  const last = lit[lit.length - 1] ?? '';
  const before = lit[lit.length - 2] ?? '';
  if (lit.endsWith('する') && lit.length > 2) return { cut: 2, ending: '(?:する|し|さ|せ|すれ|しろ|す)' };
  if (lit.endsWith('くる') && lit.length > 2) return { cut: 2, ending: '(?:くる|き|こ|くれ)' };
  if (last === 'る' && ICHIDAN_ONE_KANJI.includes(before)) {
    // The stem is one kanji: at least one kana of inflection must follow, or 見る would match 意見, 出る 出す/出かける.
    return { cut: 1, ending: '(?:る|れ|ろ|よ|ら|させ|た|て|な|ま|ず)' };
  }
  if (last === 'る' && E_ROW.includes(before)) {
    // Ichidan verbs (見捨てる, 巻き込まれる): the stem itself takes every ending.
    return { cut: 1, ending: '(?:る|れ|ろ|よ|ら|さ|た|て|な|ま|ず|か|そ|ん|と|う|に|ぬ|ね|ざ|)' };
  }
  if (last === 'い' && before !== '' && before !== 'い') return { cut: 1, ending: '(?:い|く|かっ|かろ|けれ|さ|そう|す|げ|き|)' };
  const row = GODAN_ROWS.get(last);
  if (row && before !== '') return { cut: 1, ending: `[${row}]` };
  return null;
}

/**
 * Regex source for a spelling of a Japanese literal ending in a dictionary form, matching its
 * inflections; the kind of verb or adjective is read from the literal as written in the codebook
 * (a kana spelling of 発言 is not an い-adjective). Null when a kana spelling would leave a stem
 * shorter than 3 characters (すて of 捨てる would match inside すてき).
 */
function conjugate(lit: string, spelling: string = lit): string | null {
  const inf = inflection(lit);
  if (!inf || !spelling.endsWith(lit.slice(-inf.cut))) return escapeRe(spelling);
  const stem = spelling.slice(0, -inf.cut);
  if (spelling !== lit && !KANJI.test(stem) && stem.length < 3) return null;
  return `${escapeRe(stem)}${inf.ending}`;
}

/** Iteration marks: 々〻 repeat the kanji before them, ゝヽ the kana before them, ゞヾ voice it. */
const ITERATION = '々〻ゝゞヽヾ';
/** Characters standing for the long vowel mark ー after katakana (NFKC turns ～ into ~ and － into -). */
// No `u` flag: every character is one code unit, and the test runs on every sentence.
const FOLD_TEST = /[々〻ゝゞヽヾ~〜\-‐‑–—―─]/;
const FOLD = /[々〻ゝゞヽヾ]|(?<=[\u30a1-\u30fa\u30fc])[~〜]|(?<=[\u30a1-\u30fa\u30fc])[-‐‑–—―─](?=[\u30a1-\u30fa])/g;

/** The character an iteration mark at `at` stands for, or the mark itself when nothing fits. */
function repeated(text: string, at: number): string {
  const mark = text[at] as string;
  let j = at - 1;
  while (j >= 0 && ITERATION.includes(text[j] as string)) j--;
  const prev = j >= 0 ? (text[j] as string) : '';
  const code = prev.charCodeAt(0);
  if (mark === '々' || mark === '〻') return KANJI.test(prev) && code < 0xd800 ? prev : mark;
  const hira = code >= 0x3041 && code <= 0x3096;
  const kata = code >= 0x30a1 && code <= 0x30fa;
  if (!((mark === 'ゝ' || mark === 'ゞ') ? hira : kata)) return mark;
  const plain = prev.normalize('NFD')[0] as string;
  if (mark === 'ゝ' || mark === 'ヽ') return plain;
  const voiced = `${plain}\u3099`.normalize('NFC');
  return voiced.length === 1 ? voiced : prev;
}

/**
 * Fold Japanese spelling variants that keep the length of the text, so offsets are unchanged:
 * iteration marks are written out (時々 → 時時, いすゞ → いすず, 人々 → 人人) and a wave dash,
 * tilde or dash standing for a long vowel after katakana becomes ー (コンピュ〜タ → コンピュータ;
 * a dash only between katakana). Applied to the matching copy of every sentence and to every pattern.
 *
 * @example
 * foldJa('時々コンピュ〜タ'); // '時時コンピュータ'
 */
export function foldJa(text: string): string {
  if (!FOLD_TEST.test(text)) return text;
  return text.replace(FOLD, (m, at: number, whole: string) => (ITERATION.includes(m) ? repeated(whole, at) : 'ー'));
}

/** One reading of a codebook `readings:` key. */
interface Reading {
  /** The kana of each kanji of the key (one item: the key reads only as a whole). */
  parts: string[];
  /** Okurigana the key's kanji take when written alone, which a compound may drop or add (巻: ま(き)). */
  okurigana: string;
}

/** A compiled `readings:` section: kana readings of kanji (runs), by key. */
export interface ReadingTable {
  byKey: Map<string, Reading[]>;
  /** One-kanji keys by their reading, for kana in a pattern that the text may write in kanji (なり → 成り). */
  byKana: Map<string, string[]>;
  /** Length of the longest key. */
  longest: number;
}

const READING_VALUE = /^([\u3041-\u3096\u30a1-\u30fa\u30fc・]+)(?:\(([\u3041-\u3096]+)\))?$/u;
const ALL_KANJI = /^[\u3400-\u9fff\uf900-\ufaff]+$/u;

/**
 * Check one `readings:` entry (key: kanji; value: kana, `・` between the readings of each kanji,
 * optional okurigana in parentheses). Returns a reason when it is malformed, otherwise undefined.
 *
 * @example
 * readingProblem('見捨', 'み・す'); // undefined
 * readingProblem('見捨', 'み・す・て'); // 'reading "み・す・て" of "見捨" has 3 parts for 2 kanji'
 */
export function readingProblem(key: string, value: string): string | undefined {
  if (!ALL_KANJI.test(key)) return `reading key "${key}" must be kanji only`;
  const m = READING_VALUE.exec(value.normalize('NFKC'));
  if (!m) return `reading "${value}" of "${key}" must be kana, with ・ between the kanji's readings and optional okurigana in (...)`;
  const parts = (m[1] as string).split('・');
  if (parts.some((p) => p.length === 0)) return `reading "${value}" of "${key}" has an empty part`;
  if (parts.length > 1 && parts.length !== [...key].length) return `reading "${value}" of "${key}" has ${parts.length} parts for ${[...key].length} kanji`;
  return undefined;
}

/**
 * Compile a codebook's `readings:` section; malformed entries are skipped (the schema reports them).
 *
 * @example
 * const t = readingTable({ 懸念: 'けねん', 巻: 'ま(き)', 見捨: 'み・す' });
 * compilePattern('見捨てる', t).pattern?.anchors; // ['見', 'み']
 */
export function readingTable(readings: Readonly<Record<string, string | readonly string[]>> | undefined): ReadingTable {
  const byKey = new Map<string, Reading[]>();
  let longest = 0;
  for (const [key, value] of Object.entries(readings ?? {})) {
    for (const v of typeof value === 'string' ? [value] : value) {
      if (readingProblem(key, v)) continue;
      const m = READING_VALUE.exec(v.normalize('NFKC')) as RegExpExecArray;
      // Katakana readings are kept as hiragana: kana spellings of kanji are written in hiragana.
      const hira = (x: string): string => x.replace(/[\u30a1-\u30f6]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
      const reading: Reading = { parts: (m[1] as string).split('・').map(hira), okurigana: m[2] ?? '' };
      const list = byKey.get(key);
      if (list) list.push(reading);
      else byKey.set(key, [reading]);
      longest = Math.max(longest, key.length);
    }
  }
  const byKana = new Map<string, string[]>();
  for (const [key, list] of byKey) {
    if (key.length !== 1) continue;
    for (const r of list) {
      if (r.parts.length !== 1) continue;
      const kana = r.parts[0] as string;
      byKana.set(kana, [...new Set([...(byKana.get(kana) ?? []), key])]);
    }
  }
  return { byKey, byKana, longest };
}

const NO_READINGS: ReadingTable = { byKey: new Map(), byKana: new Map(), longest: 0 };

/** Hiragana runs between kanji that are particles, not okurigana: never dropped. */
const PARTICLES = new Set(['の', 'が', 'を', 'は', 'へ', 'と', 'で', 'も', 'や', 'に', 'か', 'から', 'まで', 'より', 'など', 'ので', 'には', 'とは', 'では', 'にも', 'とも', 'への', 'との', 'での']);
/** At most this many spellings per literal (the original first). */
const MAX_SPELLINGS = 64;

interface Unit {
  kind: 'kanji' | 'hira' | 'kata' | 'other';
  text: string;
  readings: Reading[];
}

/** Split a literal into kanji units (the longest `readings:` key, or one kanji), hiragana runs, katakana runs and other characters. */
function unitsOf(lit: string, table: ReadingTable): Unit[] {
  const units: Unit[] = [];
  let i = 0;
  while (i < lit.length) {
    const ch = lit[i] as string;
    const c = ch.charCodeAt(0);
    if (KANJI.test(ch)) {
      let key = ch;
      let readings: Reading[] = [];
      for (let n = Math.min(table.longest, lit.length - i); n >= 1; n--) {
        const r = table.byKey.get(lit.slice(i, i + n));
        if (r) {
          key = lit.slice(i, i + n);
          readings = r;
          break;
        }
      }
      units.push({ kind: 'kanji', text: key, readings });
      i += key.length;
      continue;
    }
    const kind = c >= 0x3041 && c <= 0x309f ? 'hira' : c >= 0x30a1 && c <= 0x30ff ? 'kata' : 'other';
    let j = i + 1;
    if (kind !== 'other') {
      const lo = kind === 'hira' ? 0x3041 : 0x30a1;
      const hi = kind === 'hira' ? 0x309f : 0x30ff;
      while (j < lit.length && lit.charCodeAt(j) >= lo && lit.charCodeAt(j) <= hi) j++;
    }
    units.push({ kind, text: lit.slice(i, j), readings: [] });
    i = j;
  }
  return units;
}

/** One way of writing a kanji unit: its text, whether it starts and ends in kanji, whether the next unit must then start in kanji. */
type Form = [text: string, startsKanji: boolean, endsKanji: boolean, kanjiNext: boolean];

/** Every way of writing a kanji unit, the kanji form first. */
function kanjiForms(u: Unit, okuriAfter: boolean, kanaOk: boolean): Form[] {
  const chars = [...u.text];
  // Where the pattern writes no okurigana before the next kanji, the text may add it (巻込む → 巻き込む) and a kana spelling must.
  const adds = okuriAfter ? u.readings.map((r) => r.okurigana).filter((o) => o.length > 0) : [];
  // Without its okurigana the kanji needs the next kanji written as kanji too (巻込む, never 巻こむ).
  const forms: Form[] = [[u.text, true, true, adds.length > 0]];
  for (const r of u.readings) {
    const add = okuriAfter ? r.okurigana : '';
    if (add) forms.push([u.text + add, true, false, false]);
    if (!kanaOk) continue;
    if (r.parts.length === 1) {
      forms.push([(r.parts[0] as string) + add, false, false, false]);
      continue;
    }
    // One reading per kanji: each kanji may be written in kana on its own (見すてる, み捨てる, みすてる).
    for (let mask = 1; mask < 1 << chars.length; mask++) {
      let s = '';
      chars.forEach((k, ci) => (s += mask & (1 << ci) ? (r.parts[ci] as string) : k));
      const lastKana = (mask & (1 << (chars.length - 1))) !== 0;
      forms.push([s + (lastKana ? add : ''), (mask & 1) === 0, !lastKana, !lastKana && add.length > 0]);
    }
  }
  return forms;
}

/**
 * Kana after a kanji's okurigana that the text may write in kanji: after one or two kana of okurigana
 * (no particle), a reading of a one-kanji key followed by its own okurigana becomes the kanji
 * (言いなり → 言い成り with `成: な`).
 */
function kanjiInKana(text: string, table: ReadingTable): string[] {
  const forms: string[] = [];
  for (let p = 1; p <= Math.min(2, text.length - 2); p++) {
    const head = text.slice(0, p);
    if (/[がをはのにへとでもや]$/u.test(head)) continue;
    for (const [kana, keys] of table.byKana) {
      if (!text.startsWith(kana, p) || p + kana.length >= text.length) continue;
      for (const key of keys) forms.push(head + key + text.slice(p + kana.length));
    }
  }
  return forms;
}

/**
 * The spellings of a Japanese literal the text may use (the literal first): kanji with a reading in
 * kana, okurigana between two kanji dropped (巻き込む → 巻込む) or, per `readings:`, added, and a
 * katakana word of 3+ characters with or without its final long mark (コンピュータ/コンピューター).
 */
function spellings(lit: string, table: ReadingTable): string[] {
  const units = unitsOf(lit, table);
  const hasKanji = units.some((u) => u.kind === 'kanji');
  const okurigana = (u: Unit | undefined): boolean => u?.kind === 'hira' && u.text.length <= 2 && !PARTICLES.has(u.text);
  const declares = (u: Unit | undefined): boolean => u?.kind === 'kanji' && u.readings.some((r) => r.okurigana.length > 0);
  // A one-kanji key is read in kana only where it opens a word: at the start, after okurigana, or after a
  // kanji whose okurigana it may omit; and only before a kanji across its own okurigana. Otherwise its kana
  // merges with a particle or splits a compound into another word (と言う → という, 発言 → 発い).
  const kanaOk = units.map((u, k) => {
    if (u.kind !== 'kanji' || u.text.length > 1) return true;
    const prev = units[k - 1];
    const opens = k === 0 || declares(prev) || (okurigana(prev) && units[k - 2]?.kind === 'kanji');
    return opens && (units[k + 1]?.kind !== 'kanji' || declares(u));
  });
  const out = new Set<string>();
  const walk = (k: number, acc: string, endsKanji: boolean, needKanji: boolean): void => {
    if (out.size >= MAX_SPELLINGS) return;
    if (k === units.length) {
      // A spelling all in kana shorter than 3 characters would match inside unrelated words.
      if (!hasKanji || acc.length >= 3 || KANJI.test(acc)) out.add(acc);
      return;
    }
    const u = units[k] as Unit;
    const next = units[k + 1];
    if (u.kind === 'kanji') {
      for (const [s, startsK, endsK, kanjiNext] of kanjiForms(u, next?.kind === 'kanji', kanaOk[k] as boolean)) {
        if (needKanji && !startsK) continue;
        walk(k + 1, acc + s, endsK, kanjiNext);
      }
      return;
    }
    if (needKanji) return;
    walk(k + 1, acc + u.text, false, false);
    if (u.kind === 'hira' && endsKanji && next?.kind === 'kanji' && u.text.length <= 2 && !PARTICLES.has(u.text)) {
      // Okurigana between two kanji written as kanji may be left out (言い成り → 言成り).
      walk(k + 1, acc, false, true);
    }
    if (u.kind === 'hira' && units[k - 1]?.kind === 'kanji') {
      for (const form of kanjiInKana(u.text, table)) walk(k + 1, acc + form, false, false);
    }
    if (u.kind === 'kata') {
      const bare = u.text.endsWith('ー') ? u.text.slice(0, -1) : u.text;
      if (bare.length >= 3) walk(k + 1, acc + (bare === u.text ? `${bare}ー` : bare), false, false);
    }
  };
  walk(0, '', false, false);
  return [lit, ...[...out].filter((s) => s !== lit)];
}

function compileJa(srcIn: string, table: ReadingTable): PatternResult {
  let src = foldJa(srcIn.trim().normalize('NFKC'));
  if (src.length === 0) return { error: 'empty pattern' };
  let literal = false;
  if (src.endsWith('=')) {
    literal = true;
    src = src.slice(0, -1);
  }
  const pieces = src.split(/\s*(?:\.\.\.|…)(\d*)\s*/);
  // split with a capture group interleaves literals and gap sizes
  let source = '';
  let anchors: string[] = [];
  let heads: string[] | undefined;
  let heads3: string[] | undefined;
  for (let i = 0; i < pieces.length; i += 2) {
    const piece = (pieces[i] ?? '').replace(/\s+/g, '');
    if (piece.length === 0) return { error: `pattern "${srcIn}" has an empty part around a gap` };
    const split = splitAlternatives(piece);
    if (split.error) return { error: split.error };
    const isLast = i === pieces.length - 1;
    let body = '';
    // The spellings kept for each part, for the anchors and heads.
    const parts: Array<string | string[]> = [];
    // The same spellings as they must appear at the start of a match: an inflected one keeps only its stem (inflection rewrites at most two characters), one that does not inflect (a noun) stays whole.
    const headParts: Array<string | string[]> = [];
    // Whether a part before the piece's last keeps less than its whole spelling literally: what follows it is then not known to be next.
    let cut = false;
    split.parts.forEach((p, pi) => {
      const inflect = isLast && pi === split.parts.length - 1 && !literal;
      // Every spelling of every alternative, longest first so that evidence spans are whole.
      const alts: Array<[string, string]> = [];
      const heads = new Set<string>();
      for (const a of typeof p === 'string' ? [p] : p) {
        for (const v of a === '' ? [''] : spellings(a, table)) {
          const re = inflect ? conjugate(a, v) : escapeRe(v);
          if (re === null) continue;
          alts.push([v, re]);
          const start = literalStart(v, re);
          heads.add(start);
          if (start.length < v.length && pi < split.parts.length - 1) cut = true;
        }
      }
      alts.sort((x, y) => y[0].length - x[0].length);
      const kept = [...new Set(alts.map((x) => x[0]))];
      parts.push(kept.length === 1 ? (kept[0] as string) : kept);
      headParts.push([...heads]);
      const res = [...new Set(alts.map((x) => x[1]))];
      body += res.length === 1 ? (res[0] as string) : `(?:${res.join('|')})`;
    });
    if (i === 0) {
      heads = headsOf(headParts);
      heads3 = cut ? undefined : headsOf(headParts, 3);
      // Japanese patterns match case-sensitively: an anchor keeps its case (GDP比).
      anchors = prefixes(parts, 1, false);
      if (anchors.some((a) => a.length === 0)) return { error: `pattern "${srcIn}" has no literal start` };
      source = body;
    } else {
      const n = pieces[i - 1] ? Number(pieces[i - 1]) : 12;
      source += `[^。！？]{0,${n}}?${body}`;
    }
  }
  return { pattern: { source, anchors, lang: 'ja', raw: false, ...(heads ? { heads } : {}), ...(heads3 ? { heads3 } : {}) } };
}

/** The start of spelling `v` that its regex `re` keeps literally (a conjugated verb keeps its stem, a noun all of it). */
function literalStart(v: string, re: string): string {
  let k = 0;
  while (k < v.length && k < re.length && re[k] === v[k] && !'\\()[]{}|.*+?^$'.includes(re[k] as string)) k++;
  return v.slice(0, k);
}

/**
 * The first two characters every match of a Japanese piece starts with, or undefined when some
 * match may be shorter. `parts` hold each part's spellings as a match must begin with them.
 */
function headsOf(parts: Array<string | string[]>, n = 2): string[] | undefined {
  let acc = [''];
  parts.forEach((p) => {
    const opts = typeof p === 'string' ? [p] : p;
    const next = new Set<string>();
    for (const a of acc) {
      if (a.length >= n) next.add(a);
      else for (const o of opts) next.add((a + o).slice(0, n));
    }
    acc = [...next];
  });
  return acc.every((a) => a.length === n) ? acc : undefined;
}

/**
 * Compile one pattern of the codebook's language into a regex source and its anchors.
 *
 * @example
 * compilePattern('worr{y|ies|ied} ... abandon~').pattern?.anchors; // ['wor']
 * new RegExp(compilePattern('見捨てる').pattern!.source, 'uy').test('見捨てられかねない'); // true
 */
export function compilePattern(src: string, readings: ReadingTable = NO_READINGS): PatternResult {
  if (typeof src !== 'string' || src.trim().length === 0) return { error: 'empty pattern' };
  // English and raw patterns do not depend on the readings: the loader checks each pattern and the matcher compiles it again, so the second is a lookup.
  const lang = src.startsWith('re:') ? null : patternLang(src);
  const cached = lang === 'ja' ? undefined : COMPILED.get(src);
  if (cached) return cached;
  const result = compileAny(src, readings);
  if (lang !== 'ja') {
    if (COMPILED.size >= 50_000) COMPILED.clear();
    COMPILED.set(src, deepFreeze(result));
  }
  return result;
}

/** Compiled English and raw patterns by source text (frozen: callers share them). */
const COMPILED = new Map<string, PatternResult>();

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    for (const v of Object.values(o as object)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

function compileAny(src: string, readings: ReadingTable): PatternResult {
  if (src.startsWith('re:')) {
    const body = src.slice(3);
    if (body.length === 0) return { error: 'empty regular expression' };
    try {
      const re = new RegExp(body, 'iu');
      if (re.test('')) return { error: `regular expression "${body}" matches the empty string` };
    } catch (e) {
      return { error: `invalid regular expression "${body}": ${(e as Error).message}` };
    }
    return { pattern: { source: body, anchors: [], lang: patternLang(body), raw: true } };
  }
  const result = patternLang(src) === 'ja' ? compileJa(src, readings) : compileEn(src);
  if (result.pattern) {
    try {
      new RegExp(result.pattern.source, result.pattern.lang === 'en' ? 'y' : 'uy');
    } catch (e) {
      return { error: `pattern "${src}" does not compile: ${(e as Error).message}` };
    }
  }
  return result;
}
