/**
 * One sentence prepared for the coder: normalised text, every pattern hit sorted by kind, quote
 * spans, clause boundaries, the speaker tag and the dateline at its head.
 */
import type { Codebook } from '../codebook/index.js';
// From the matcher itself: a worker thread then never loads the codebook loader (YAML parser, schema).
import { normalize, toOriginal, type Normalized, type ScanHit } from '../codebook/matcher.js';
import { unitLang } from '../lang.js';
import type { Evidence } from '../types.js';

/** A sentence with its hits grouped by kind. */
export interface Prepared {
  original: string;
  norm: Normalized;
  text: string;
  lang: 'en' | 'ja';
  byKind: Map<string, ScanHit[]>;
  /** Quoted spans [start, end) in normalised offsets. */
  quotes: Array<[number, number]>;
  /** Offsets of clause boundaries (sorted). */
  boundaries: number[];
  /** The speaker tag at the head of the sentence, if any. */
  tag?: { start: number; end: number; label: string; name: string; interviewer?: boolean };
  /** The dateline at the head of the sentence, if any. */
  dateline?: { start: number; end: number };
  /** Where the body (after tag/dateline) starts. */
  bodyStart: number;
  /** Word start offsets (English), for "within N words" tests. */
  wordStarts: number[];
  /** Where the main clause begins (after a tag, an opening quotation or a leading clause), once the voice coder has worked it out. */
  mainStart?: number;
}

// English speaker tags; round 10b: a respondent named with an age ("Aiko, 21:", "Tom Baker, 34:"), a numbered role ("HOST 2:",
// "HOST 1 (Washington):") and an anonymous poster ("Anonymous:").
// Round 11: a lettered official or participant ("Official A (Defence Ministry):"), a debate's side ("OPPOSITION, first speaker:") and a
// listener's or reader's message with its place ("Message from a listener in Ebina:", "From a reader in Kure:").
// Round 12: roles in title case ("Chief Cabinet Secretary: I am aware of the report…", "Reporter:" a press conference's questioner).
const TAG_EN =
  /^\s*((?:(?:Official|Speaker|Participant|Respondent|Student|Panelist|Panellist|Delegate|Diplomat|Officer|Expert|Interviewee)\s+[A-Z](?=\s*[(:])|(?:PROPOSITION|OPPOSITION|AFFIRMATIVE|NEGATIVE|Proposition|Opposition),\s+(?:(?:first|second|third|fourth|closing|opening)\s+)?(?:speaker|reply|rebuttal|summary)|(?:(?:Message|Text|Email|E-mail|Letter|Call|Comment|Question)\s+from|From)\s+(?:a|an|our)\s+(?:listener|reader|viewer|caller|student|resident|subscriber)(?:\s+in\s+[A-Z][A-Za-z-]+(?:\s+[A-Z][A-Za-z-]+)?)?(?=\s*:)|(?:(?:Post|Reply|Comment|Tweet|Posted) (?:by|from) )?@[A-Za-z0-9_]{2,30}(?=\s*\([^)]{1,80}\)\s*:)|(?:MR|MS|MRS|DR|SEN|REP|GEN|ADM|AMB)\.?\s+[A-Z][A-Za-z'-]+(?:\s+[A-Z][A-Za-z'-]+)?|(?:Mr|Ms|Mrs|Dr|Sen|Rep|Gen|Adm|Amb|Prof|Senator|Representative|Congressman|Congresswoman|Ambassador|Governor|Mayor|Chairman|Chairwoman|Secretary|Minister|General|Admiral|Member)\.?\s+[A-Z][A-Z'-]+(?![a-z])(?:\s+[A-Z][A-Z'-]+(?![a-z]))?|(?:Prime Minister|(?:Foreign|Defense|Defence) Minister|Minister|Secretary|Senator|Sen\.|Rep\.|Representative|Ambassador|President|Chairman|Chairwoman|Governor|Mr\.|Ms\.|Mrs\.|Dr\.)\s+[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)?(?=\s*(?:\([^)]{1,80}\)\s*)?:)|[A-Z][A-Z.'-]*(?:\s+(?:[A-Z][A-Z.'-]*|\d{1,2}(?=\s*[(:]))){0,3}|Anonymous(?:\s+\d{1,3})?(?=\s*(?:\([^)]{1,80}\)\s*)?:)|(?:(?:Deputy\s+)?Chief Cabinet Secretary|Reporter|Journalist|Questioner)(?=\s*(?:\([^)]{1,80}\)\s*)?:)|[A-Z][a-z]+(?:\s+(?:[A-Z][a-z]+|\d+))?(?=\s*\()|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?,\s+\d{1,2}(?=\s*:))(?:\s*\(([^)]{1,80})\))?)\s*:\s+/u;
const TAG_JA_DIET = /^\s*○([^\s\u3000]{1,24})[\s\u3000]+/u;
/** Round 12: an English record of a Diet session keeps the mark before each turn, with a space ("○ Prime Minister:", "○ Mr. Fukuhara (opposition):"). */
const TAG_EN_DIET = /^\s*○\s+((?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?[A-Z][a-z'-]+(?:\s+(?:of\s+)?[A-Z][a-z'-]+){0,3}(?:\s*\([^)]{1,60}\))?)\s*:\s+/u;
/** A tag's affiliation in brackets may list place and age with a comma (回答者（札幌、41歳）：). */
const TAG_JA_COLON = /^\s*([^\s\u3000：:「」。、【】（(]{1,24}(?:[（(][^）)「」。：:]{1,30}[）)])?)[：:]\s*/u;
/** An interviewer's question in a Japanese interview opens with a long dash. */
const TAG_JA_DASH = /^\s*(――|—―|ーー)\s*/u;
const TAG_JA_POST = /^\s*【@([^】]{1,40})】\s*/u;
/** A post's signature: a nickname in Latin letters or kana, a dot, a place (【ken・東京】). */
const TAG_JA_HANDLE = /^\s*【((?:[A-Za-z0-9_ぁ-ゖー]{1,16}|掲示板|投稿|読者|ネット|SNS|街の声)・[^】]{1,16})】\s*/u;
/** A survey answer or reader's letter signed in brackets with occupation, age and place ((会社員 三十四歳 千葉市), (商社・常務・大阪)) before the text. */
const TAG_JA_PAREN = /^\s*[（(]([^）)、。]{2,30}?[ ・][^）)、。]{1,30})[）)]\s*(?=\S{5})/u;
/** A post's tag in square brackets, with the account's place after a dot ("[@pacificvet · San Diego]"). */
const TAG_POST_BRACKET = /^\s*\[@([^\]]{1,60})\]\s*/u;
/** A Japanese name before a space (an ideographic one, a plain one after NFKC) opens a turn in a printed dialogue or hearing (中川 …, ロペス議員（民主） …, with an ideographic space). */
/** A name holds no question or exclamation mark: 日本は置いてけぼり? 実際は… opens with an echoed question, not a turn. */
const TAG_JA_SPACE = /^\s*((?=[^\sA-Za-z0-9])[^\s：:「」『』。、，,【】（(？?！!]{1,16}(?:[（(][^）)\s]{1,30}[）)])?)\s+(?=\S)/u;
/** A dateline may name its source in brackets ("PYONGYANG (KCNA) —", "BEIJING (Global Horizon editorial) —"). */
const DATELINE_EN = /^\s*([A-Z][A-Z.' ]{2,30})(?:,[^—–\n]{0,40}|\s+\([^)—–\n]{1,60}\))?\s+[—–]\s+/u;
const DATELINE_JA = /^\s*【([^@】][^】]{0,15})】\s*/u;
/** A turn's tag naming a person: an affiliation in brackets, or a title or honorific at its end. */
const PERSON_TAG_JA = /[（(]|(?:議員|氏|委員|委員長|大臣|長官|大使|教授|知事|市長|町長|村長|参考人|首相|総理|司会|記者|議長|代表|次官|補佐官|さん)$/u;
/** Bracketed headings that name the kind of piece (an op-ed, a column), whose title and byline follow. */
/** Also a heading that ends in one (【地方紙社説】, 【市民の声】: a section of letters or voices whose own tags follow). */
const JA_PIECE = /(?:寄稿|論壇|社説|コラム|論考|論説|オピニオン|視点|私見|解説|短信|投稿|時論|識者の目|提言|の声)$/u;
/** A Japanese tag that names an op-ed or editorial, perhaps with its source and a translation note (米紙論説（仮訳）, 米紙社説・本紙翻訳). */
const JA_PIECE_TAG = /(?:社説|論説|コラム|寄稿|論考|オピニオン)(?:$|[・（(])/u;
const HEADING = /^(?:EDITORIAL|OPINION|COMMENTARY|ANALYSIS|COLUMN|EDITOR'S NOTE|Editorial|Opinion|Commentary|Analysis|Column|社説|論考|論説|コラム|解説|短信|寄稿|インタビュー)$/u;
/** A heading written in title case ("Editorial: …", "Opinion: …"), which the speaker-tag pattern leaves to upper case. */
const HEADING_EN = /^\s*(Editorial|Opinion|Commentary|Analysis|Column|Editor's note)\s*:\s+/u;
const INLINE_ANSWER = /\s(A|Answer):\s/gu;

function addBoundaries(text: string, lang: 'en' | 'ja'): number[] {
  const out: number[] = [];
  const re = lang === 'ja' ? /[。！？!?]|(?:が|ものの|けれど|けれども|けど|しかし|だが|ただ|(?<!と)か)、/gu : /(?<!\b(?:[A-Z]|Mr|Ms|Mrs|Dr|Lt|Gen|Sen|Rep|No|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec))[.;:!?](?=\s|$|["')])|,?\s+but\s+|,?\s+and\s+that\s+|\s[—–]\s/gu;
  for (const m of text.matchAll(re)) out.push(m.index + (m[0].startsWith(',') || m[0].startsWith(' ') ? 0 : m[0].length - 1));
  return out;
}

function quoteSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  // Straight quotes pair up in order; indexOf skips the text between them.
  for (let open = text.indexOf('"'); open >= 0; ) {
    const close = text.indexOf('"', open + 1);
    if (close < 0) break;
    spans.push([open, close + 1]);
    open = text.indexOf('"', close + 1);
  }
  if (text.indexOf('「') < 0 && text.indexOf('『') < 0) return spans;
  const ja = /[「『]/gu;
  for (const m of text.matchAll(ja)) {
    const close = m[0] === '「' ? '」' : '』';
    const end = text.indexOf(close, m.index + 1);
    spans.push([m.index, end < 0 ? text.length : end + 1]);
  }
  return spans;
}

/** The code units `\s` matches (WhiteSpace and LineTerminator); all are single code units. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** No hits at all: one shared, never-written map. */
const NO_HITS: ReadonlyMap<string, ScanHit[]> = new Map();

/** A prepared sentence whose quotes, clause boundaries and word starts are worked out on first use only. */
class PreparedSentence implements Prepared {
  tag?: Prepared['tag'];
  dateline?: Prepared['dateline'];
  bodyStart = 0;
  mainStart?: number;
  private q?: Array<[number, number]>;
  private b?: number[];
  private w?: number[];
  constructor(
    readonly original: string,
    readonly norm: Normalized,
    readonly text: string,
    readonly lang: 'en' | 'ja',
    readonly byKind: Map<string, ScanHit[]>,
  ) {}
  get quotes(): Array<[number, number]> {
    return (this.q ??= quoteSpans(this.text));
  }
  get boundaries(): number[] {
    return (this.b ??= addBoundaries(this.text, this.lang));
  }
  get wordStarts(): number[] {
    if (!this.w) {
      this.w = [];
      if (this.lang === 'en') {
        // Where a non-space follows a space or the start: the starts of /\S+/gu, without match objects.
        const t = this.text;
        let prevSpace = true;
        for (let i = 0; i < t.length; i++) {
          const space = isSpace(t.charCodeAt(i));
          if (!space && prevSpace) this.w.push(i);
          prevSpace = space;
        }
      }
    }
    return this.w;
  }
}

/**
 * Scan and annotate one sentence.
 *
 * @example
 * const p = prepare('MS. ODELL: We respect them.', builtinCodebook()); p.tag?.name; // 'MS. ODELL'
 */
export function prepare(original: string, cb: Codebook): Prepared {
  const norm = normalize(original);
  const text = norm.text;
  // An English post behind a tag of Japanese punctuation (【@harbor_watch・Naha】) is read as English.
  const lang = unitLang(text);
  const hits = cb.matcher.scan(text);
  let byKind = NO_HITS as Map<string, ScanHit[]>;
  if (hits.length > 0) {
    byKind = new Map();
    for (const h of hits) {
      const list = byKind.get(h.entry.kind);
      if (list) list.push(h);
      else byKind.set(h.entry.kind, [h]);
    }
    for (const list of byKind.values()) if (list.length > 1) list.sort((a, b) => a.start - b.start || b.end - a.end);
  }
  const p = new PreparedSentence(original, norm, text, lang, byKind);
  // Each head pattern needs a character most sentences lack: look for it before running the pattern.
  // A post signed with a nickname and a place (【ken・東京】, 【たろう・沖縄市】) is a tag, not a dateline.
  const handle = text.includes('【') ? TAG_JA_HANDLE.exec(text) : null;
  const dl = handle ? null : lang === 'ja' ? (text.includes('【') ? DATELINE_JA.exec(text) : null) : text.includes('—') || text.includes('–') ? DATELINE_EN.exec(text) : null;
  if (dl) {
    p.dateline = { start: 0, end: dl[0].length };
    p.bodyStart = dl[0].length;
    // A heading in brackets can open a printed hearing (【米下院公聴会・抄訳】ミラー議員（共和） …): the turn's tag follows it.
    // …but a piece's heading (【寄稿】, 【論壇】) is followed by its title and byline, not a speaker's turn (rule 1).
    const after = lang === 'ja' && text.includes(' ') && !JA_PIECE.test(dl[1] ?? '') ? TAG_JA_SPACE.exec(text.slice(p.bodyStart)) : null;
    // …and only a person opens it: a name with an affiliation in brackets or a title (ミラー議員（共和）), not a feature's title (【ルポ】国会前の夏 …).
    if (after && (after[1] ?? '').length > 0 && PERSON_TAG_JA.test(after[1] as string)) {
      const label = after[1] as string;
      p.tag = { start: p.bodyStart, end: p.bodyStart + after[0].length, label, name: tagName(label) };
      p.bodyStart += after[0].length;
    }
  } else {
    const dash = lang === 'ja' ? TAG_JA_DASH.exec(text) : null;
    const colon = text.includes(':') || (lang === 'ja' && text.includes('：'));
    const m =
      dash ??
      handle ??
      (lang === 'ja' && (text.startsWith('(') || text.startsWith('（')) ? TAG_JA_PAREN.exec(text) : null) ??
      (text.includes('【') ? TAG_JA_POST.exec(text) : null) ??
      (text.startsWith('[@') || text.trimStart().startsWith('[@') ? TAG_POST_BRACKET.exec(text) : null) ??
      (text.includes('○') ? ((lang === 'en' ? TAG_EN_DIET.exec(text) : null) ?? TAG_JA_DIET.exec(text)) : null) ??
      (colon ? (lang === 'ja' ? TAG_JA_COLON.exec(text) : (HEADING_EN.exec(text) ?? TAG_EN.exec(text))) : null) ??
      (lang === 'ja' && text.includes(' ') ? TAG_JA_SPACE.exec(text) : null);
    // A heading (EDITORIAL:, 社説：) names the kind of piece, not a speaker: the piece is the writer's (rule 1).
    // Round 11 (ja): so does a translated piece's heading naming its kind (米紙論説（仮訳）：, （米紙社説・本紙翻訳）): an op-ed or editorial is its writer's (rule 1).
    const heading = m && (HEADING.test((m[1] ?? '').trim()) || (lang === 'ja' && !dash && JA_PIECE_TAG.test(m[1] ?? '')));
    if (heading && m) {
      p.dateline = { start: 0, end: m[0].length };
      p.bodyStart = m[0].length;
    } else if (m && (m[1] ?? '').length > 0) {
      const label = dash ? '質問' : (m[1] as string);
      p.tag = { start: 0, end: m[0].length, label, name: tagName(label), interviewer: dash !== null };
      p.bodyStart = m[0].length;
    }
  }
  return p;
}

/** A speaker tag's name without its affiliation in brackets, upper-cased ("Ms. Odell (State)" → "MS. ODELL"). */
function tagName(label: string): string {
  return label.replace(/\s*[（(].*$/u, '').trim().toUpperCase();
}

/** Hits of one kind (empty list when none). */
export function hitsOf(p: Prepared, kind: string): ScanHit[] {
  return p.byKind.get(kind) ?? [];
}

/** Is the offset inside a quotation? */
export function inQuote(p: Prepared, pos: number): boolean {
  return p.quotes.some(([s, e]) => pos > s && pos < e);
}

/** Number of clause boundaries strictly before `pos` (two offsets share a clause when equal). */
export function clauseOf(p: Prepared, pos: number): number {
  let n = 0;
  for (const b of p.boundaries) if (b < pos) n++;
  return n;
}

/**
 * Where the clause containing `pos` starts: just after the last clause boundary before it, or the
 * body's start.
 *
 * @example
 * clauseStart(prepare('Japan pays, but Tokyo worries.', cb), 20); // 11: just after the comma of ", but"
 */
export function clauseStart(p: Prepared, pos: number): number {
  let from = p.bodyStart;
  for (const b of p.boundaries) if (b < pos) from = b + 1;
  return from;
}

/** Index of the word containing/after `pos` (English). */
export function wordIndex(p: Prepared, pos: number): number {
  let lo = 0;
  let hi = p.wordStarts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((p.wordStarts[mid] as number) <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * Where one English sentence ends and the next begins: the space after a full stop, question or exclamation mark (and a
 * closing quote), before a capital or an opening quote or bracket. The period of an initial ("J.", "U.S.") or of a title
 * ("Mr.", "Sen.") ends no sentence. One pattern for every rule that reads a unit sentence by sentence.
 *
 * @example
 * 'The U.S. agreed. Then Mr. Abe spoke.'.split(EN_SENTENCE_BREAK); // ['The U.S. agreed.', 'Then Mr. Abe spoke.']
 */
export const EN_SENTENCE_BREAK = /(?<=(?<!\b(?:[A-Z]|Mr|Ms|Mrs|Dr|Gen|Adm|Sen|Rep|Col|Lt|St|Amb|Prof))[.!?]["\u201d\u2019']?)\s+(?=["\u201c[A-Z])/u;
/** `EN_SENTENCE_BREAK` for `matchAll`: every break in a text. */
export const EN_SENTENCE_BREAKS = new RegExp(EN_SENTENCE_BREAK.source, 'gu');
/** Every sentence break in either language: after 。！？ (zero width), or `EN_SENTENCE_BREAK`. */
const ANY_SENTENCE_BREAKS = new RegExp(`(?<=[\u3002\uff01\uff1f])|${EN_SENTENCE_BREAK.source}`, 'gu');

/**
 * The sentences of a unit's text, in either language: split at `EN_SENTENCE_BREAK` and after 。！？, empty ones left out.
 *
 * @example
 * sentencesOf('米国は支持した。日本も続いた。'); // ['米国は支持した。', '日本も続いた。']
 */
export function sentencesOf(text: string): string[] {
  return sentenceSpans(text).map((s) => text.slice(s.start, s.end).trim()).filter((x) => x.length > 0);
}

/**
 * Where `sentencesOf` cuts a text, as offsets: each sentence from its first character to its end mark (and closing
 * quote); the space between two English sentences belongs to neither. For rules that must point into the text.
 *
 * @example
 * sentenceSpans('米国は支持した。日本も続いた。'); // [{ start: 0, end: 8 }, { start: 8, end: 15 }]
 */
export function sentenceSpans(text: string): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  let at = 0;
  // Every break has a character before it (both patterns look behind): none falls at offset 0, so no first span is empty.
  for (const m of text.matchAll(ANY_SENTENCE_BREAKS)) {
    const i = m.index ?? 0;
    spans.push({ start: at, end: i });
    at = i + m[0].length;
  }
  if (at < text.length) spans.push({ start: at, end: text.length });
  return spans;
}

/** Offset of an inline answer tag ("A:") after an interviewer's question in the same unit. */
export function inlineAnswer(p: Prepared): number {
  INLINE_ANSWER.lastIndex = 0;
  const m = INLINE_ANSWER.exec(p.text);
  return m && m.index > p.bodyStart ? m.index + m[0].length : -1;
}

/**
 * Evidence for a normalised span, with offsets into the original sentence.
 *
 * @example
 * evidence(p, hit.start, hit.end, hit.entry.rule);
 */
export function evidence(p: Prepared, start: number, end: number, rule: string): Evidence {
  const o = toOriginal(p.norm, start, end);
  return { start: o.start, end: o.end, text: p.original.slice(o.start, o.end), rule };
}
