/**
 * The codebook's small pattern language, compiled to sticky regular expressions plus the literal
 * keys ("anchors") under which the one-pass scanner files them. See `src/codebook/README.md`.
 *
 * English: words separated by spaces, matched case-insensitively except for capital letters
 * (`US` does not match `us`); `word~` = any ending; `{a|b}` = alternatives (inside or as a word);
 * `word?` = optional word; `...` = up to 4 words in between, `...N` = up to N words; punctuation
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

/** Split at top-level `{...}` groups: returns segments, alternatives as string arrays. */
function splitAlternatives(token: string): { parts: Array<string | string[]>; error?: string } {
  const parts: Array<string | string[]> = [];
  let i = 0;
  let lit = '';
  while (i < token.length) {
    const ch = token[i] as string;
    if (ch === '{') {
      const close = token.indexOf('}', i);
      if (close < 0) return { parts, error: `unclosed "{" in "${token}"` };
      if (lit) parts.push(lit);
      lit = '';
      const alts = token.slice(i + 1, close).split('|');
      if (alts.length < 2 && alts[0] === '') return { parts, error: `empty alternatives in "${token}"` };
      // `{s}?` makes the group optional, like `{|s}`.
      const optional = token[close + 1] === '?';
      parts.push(optional ? [...alts, ''] : alts);
      i = close + (optional ? 2 : 1);
    } else {
      lit += ch;
      i++;
    }
  }
  if (lit) parts.push(lit);
  return { parts };
}

/** Possible prefixes (up to `n` chars, lowercased) a token can start with. */
function prefixes(parts: Array<string | string[]>, n: number): string[] {
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
  return acc.map((a) => a.toLowerCase());
}

const EN_END = "(?![A-Za-z0-9\\u00C0-\\u024F])";

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
    if (tok.length > 1 && tok.endsWith('~')) {
      stem = true;
      tok = tok.slice(0, -1);
    }
    const { parts, error } = splitAlternatives(tok);
    if (error) return { error };
    let body = '';
    for (const p of parts) {
      if (typeof p === 'string') body += caseFold(p);
      else body += `(?:${p.map(caseFold).join('|')})`;
    }
    if (stem) body += "[A-Za-z\\u00C0-\\u024F'’-]*";
    const lastChar = tok[tok.length - 1] ?? '';
    // A word that ends in a letter or digit must end at a word boundary; punctuation need not.
    const needsEnd = /[\p{L}\p{N}}]/u.test(lastChar) && !stem;
    if (needsEnd) body += EN_END;
    if (first) {
      if (optional) return { error: `pattern "${src}" cannot start with an optional word` };
      anchors = prefixes(parts, 3).filter((a) => a.length > 0);
      if (anchors.length === 0) return { error: `pattern "${src}" has no literal start` };
      if (!stem) {
        const full = prefixes(parts, 1000).map((x) => /^[a-z0-9]*/u.exec(x)?.[0] ?? '');
        // Tokens that open with punctuation or end in a word-internal stem keep the prefix anchors.
        if (full.every((w) => w.length > 0) && full.length <= 256) firstWords = [...new Set(full)];
      }
      source += body;
      first = false;
    } else {
      // A compulsory word of plain letters and digits follows a separator and ends at a word boundary: it is a whole word of any match.
      if (!optional && !stem && needsEnd) {
        const whole = [...new Set(prefixes(parts, 1000))];
        if (whole.every((w) => /^[a-z0-9]+$/u.test(w))) requires.push(whole);
      }
      const sep = pendingGap > 0 ? `${EN_SEP}(?:[^\\s.;:!?]+${EN_SEP}){0,${pendingGap}}` : EN_SEP;
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

/** Regex source for a Japanese literal ending in a dictionary form, matching its inflections. */
function conjugate(lit: string): string {
  const last = lit[lit.length - 1] ?? '';
  const before = lit[lit.length - 2] ?? '';
  const stem = lit.slice(0, -1);
  if (lit.endsWith('する') && lit.length > 2) return `${escapeRe(lit.slice(0, -2))}(?:する|し|さ|せ|すれ|しろ|す)`;
  if (lit.endsWith('くる') && lit.length > 2) return `${escapeRe(lit.slice(0, -2))}(?:くる|き|こ|くれ)`;
  if (last === 'る' && E_ROW.includes(before)) {
    // Ichidan verbs (見捨てる, 巻き込まれる): the stem itself takes every ending.
    return `${escapeRe(stem)}(?:る|れ|ろ|よ|ら|さ|た|て|な|ま|ず|か|そ|ん|と|う|に|ぬ|ね|ざ|)`;
  }
  if (last === 'い' && before !== '' && before !== 'い') {
    return `${escapeRe(stem)}(?:い|く|かっ|かろ|けれ|さ|そう|す|げ|き|)`;
  }
  const row = GODAN_ROWS.get(last);
  if (row && before !== '') return `${escapeRe(stem)}[${row}]`;
  return escapeRe(lit);
}

function compileJa(srcIn: string): PatternResult {
  let src = srcIn.trim().normalize('NFKC');
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
  for (let i = 0; i < pieces.length; i += 2) {
    const piece = (pieces[i] ?? '').replace(/\s+/g, '');
    if (piece.length === 0) return { error: `pattern "${srcIn}" has an empty part around a gap` };
    const { parts, error } = splitAlternatives(piece);
    if (error) return { error };
    const isLast = i === pieces.length - 1;
    let body = '';
    parts.forEach((p, pi) => {
      const lastPart = pi === parts.length - 1;
      if (typeof p === 'string') body += isLast && lastPart && !literal ? conjugate(p) : escapeRe(p);
      else body += `(?:${p.map((a) => (isLast && lastPart && !literal ? conjugate(a) : escapeRe(a))).join('|')})`;
    });
    if (i === 0) {
      heads = headsOf(parts, isLast && !literal);
      anchors = prefixes(parts, 1);
      if (anchors.some((a) => a.length === 0)) return { error: `pattern "${srcIn}" has no literal start` };
      source = body;
    } else {
      const n = pieces[i - 1] ? Number(pieces[i - 1]) : 12;
      source += `[^。！？]{0,${n}}?${body}`;
    }
  }
  return { pattern: { source, anchors, lang: 'ja', raw: false, ...(heads ? { heads } : {}) } };
}

/**
 * The first two characters every match of a Japanese piece starts with, or undefined when some
 * match may be shorter. A conjugated last part keeps only its stem (inflection rewrites at most two characters).
 */
function headsOf(parts: Array<string | string[]>, conjugated: boolean): string[] | undefined {
  let acc = [''];
  parts.forEach((p, pi) => {
    const cut = conjugated && pi === parts.length - 1;
    const opts = (typeof p === 'string' ? [p] : p).map((o) => (cut ? o.slice(0, Math.max(0, o.length - 2)) : o));
    const next = new Set<string>();
    for (const a of acc) {
      if (a.length >= 2) next.add(a);
      else for (const o of opts) next.add((a + o).slice(0, 2));
    }
    acc = [...next];
  });
  return acc.every((a) => a.length === 2) ? acc : undefined;
}

/**
 * Compile one pattern of the codebook's language into a regex source and its anchors.
 *
 * @example
 * compilePattern('worr{y|ies|ied} ... abandon~').pattern?.anchors; // ['wor']
 * new RegExp(compilePattern('見捨てる').pattern!.source, 'uy').test('見捨てられかねない'); // true
 */
export function compilePattern(src: string): PatternResult {
  if (typeof src !== 'string' || src.trim().length === 0) return { error: 'empty pattern' };
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
  const result = patternLang(src) === 'ja' ? compileJa(src) : compileEn(src);
  if (result.pattern) {
    try {
      new RegExp(result.pattern.source, result.pattern.lang === 'en' ? 'y' : 'uy');
    } catch (e) {
      return { error: `pattern "${src}" does not compile: ${(e as Error).message}` };
    }
  }
  return result;
}
