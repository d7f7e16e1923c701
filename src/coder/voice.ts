/**
 * Attribution: whose view a sentence reports. Speaker tags, datelines, holders next to verbs of
 * saying or feeling, relayed positions and continuation across units (LABELS.md rules 1–5).
 */
import type { Codebook, ScanHit } from '../codebook/index.js';
import { AUTHOR, type Evidence, type VoiceDecision } from '../types.js';
import { clauseOf, evidence, hitsOf, inlineAnswer, inQuote, EN_SENTENCE_BREAK, sentencesOf, wordIndex, type Prepared } from './sentence.js';

/** What the coder remembers while walking one document. */
export interface DocState {
  /** Side learnt for each speaker tag name. */
  speakerSides: Map<string, string>;
  /** Voice of the last speaker turn in a transcript ('author' for an interviewer). */
  lastSpeaker: string | null;
  /** The side a dateline made "here". */
  local: string | null;
  prevVoice: string | null;
  /** The last side voice heard in the current paragraph. */
  paragraphVoice: string | null;
  /** An interviewer's question was left unanswered in its unit: the next untagged unit is the answer. */
  awaitingAnswer: boolean;
  /** The side of the people the writer last named in their own words ("interviewing officials in Tokyo"): who "all of them" are. */
  scene: string | null;
  /** When the last unit relayed another side's statement: the side of its speaker, whom "he" then continues. */
  relayedBy: string | null;
  /** The side of the person whose speech the document gives ("Excerpts from his speech follow", 要旨は次の通り). */
  speech: string | null;
  /** Whether that speech goes on only while units speak in the first person (an intro that names a speech without announcing its text). */
  speechWeak: boolean;
  /** Who gives the speech, as the intro named them (evidence for its units). */
  speechCue: string;
  /** The last sentence that named a side ("The prime minister returned…"): its subject is whose "home" the critics at home are in. */
  topic: Prepared | null;
  /** Surnames looked up among the document's earlier units ("Joining us from Tokyo is Masaru Endo"): the side a later tag of that name (ENDO:) speaks for. */
  named: Map<string, string | null>;
  /** Earlier English units that name a side, where a tag's surname is looked up when it is first met. */
  introductions: Prepared[];
  /** The side of the other side's person a Japanese speaker last relayed (マティス長官は…): who "長官は" is next. */
  counterpart: string | null;
  /** The side of the guest an interview introduced ("My guest is Naoko Hirata…", "Q: Professor Sakamoto, …"): whom an answer tag (A:) speaks for. */
  guest: string | null;
  /** Round 11: the guests or respondents were introduced as posted in the other side's country ("U.S. military spouses stationed in Japan"): the towns their tags name are where they serve, not their side. */
  guestPosted: boolean;
  /** Units decided so far in this document. */
  units: number;
}

/** A fresh state for a new document. */
export function newDocState(): DocState {
  return { speakerSides: new Map(), lastSpeaker: null, local: null, prevVoice: null, paragraphVoice: null, awaitingAnswer: false, scene: null, relayedBy: null, speech: null, speechWeak: false, speechCue: '', topic: null, named: new Map(), introductions: [], counterpart: null, guest: null, guestPosted: false, units: 0 };
}

type Found = { side: string; cue: Evidence } | { unsided: true; cue: Evidence; preferLocal: boolean; holderHome?: boolean; docFirst?: boolean; there?: boolean } | null;

/**
 * Round 12: the sentences where `explicitEn` declined a side's holder it found for the writer's own view (rule 1: the writer's frame,
 * appeal or paper; rule 3: a relay beside the writer's own claim; rule 5: holders of both sides): `voiceOf` then gives its
 * author the `how` 'own', so the voice model can learn how often the rules are right there instead of reading it as any
 * other default (the seed's "The U.S. is pushing Japan…, but U.S. officials have stressed…": eval/README-codes.md, "Round 12").
 */
const declined = new WeakSet<Prepared>();
/** `explicitEn`'s answer when it keeps the writer's voice beside a named holder (see `declined`). */
function declineOwn(p: Prepared): null {
  declined.add(p);
  return null;
}

function usable(p: Prepared, h: ScanHit): boolean {
  return h.start >= p.bodyStart && !inQuote(p, h.start);
}

/** An indefinite article before a country's name, and a relative clause after it: the country as someone imagines it. */
const ARTICLE_END = new Set([65, 97, 110]);
const IMAGINED_BEFORE = /(?:^|\s)[Aa]n?\s$/u;
const IMAGINED_AFTER = /^\s+(?:that|which|whose|where|so|more|less|able|willing|with|without)\b/u;
/** Titles that name an office of any country. */
const BARE_TITLE = /^(?:[Tt]he )?(?:President|president|Secretary|Minister|Prime Minister|Foreign Minister|Defense Minister|foreign minister|defense minister)$/u;
/** Cue hits without overlaps: the earliest, then the longest, wins. */
/** A side's name that is part of a language's (日本語, 日本語訳): no side. */
function languageWord(p: Prepared, h: ScanHit): boolean {
  return p.text.charCodeAt(h.end) === 0x8a9e && p.text.charCodeAt(h.end - 1) === 0x672c;
}
function cuesOf(p: Prepared): ScanHit[] {
  const out: ScanHit[] = [];
  let lastEnd = -1;
  const all = hitsOf(p, 'cue');
  for (let i = 0; i < all.length; i++) {
    const h = all[i] as ScanHit;
    if (!usable(p, h)) continue;
    if (h.start < lastEnd) continue;
    // A side in a compound of sides ("the Japan-U.S. treaty", "U.S.-China talks") or after a prefix ("anti-American") qualifies a thing: no holder.
    if ((p.text.charCodeAt(h.end) === 45 && /[A-Z]/u.test(p.text.charAt(h.end + 1))) || (h.start > 0 && p.text.charCodeAt(h.start - 1) === 45)) continue;
    // "A Japan that spent less…", "an America whose…": a country as the writer imagines it is no holder.
    // Only an article's last letter ('A', 'a' or 'n') two characters back needs the patterns.
    if (h.start >= 2 && ARTICLE_END.has(p.text.charCodeAt(h.start - 2)) && p.text.charCodeAt(h.start - 1) === 32 && IMAGINED_BEFORE.test(p.text.slice(Math.max(0, h.start - 4), h.start)) && IMAGINED_AFTER.test(p.text.slice(h.end, h.end + 7))) continue;
    // インド洋 is an ocean, not India.
    if (p.text.charCodeAt(h.end) === 0x6d0b && p.text.charCodeAt(h.end - 1) === 0x30c9) continue;
    // Round 11: 日本語 (訳) is a language, not Japan's people.
    if (languageWord(p, h)) continue;
    // A bare title before another side's name ("President Xi Jinping", "President Medvedev") is that name's.
    // (Hits come sorted by start: only the next one can be the name, so most hits skip the pattern.)
    const next = all[i + 1];
    if (next !== undefined && next.start === h.end + 1 && next.entry.owner !== h.entry.owner && p.lang === 'en' && BARE_TITLE.test(p.text.slice(h.start, h.end))) continue;
    out.push(h);
    lastEnd = h.end;
  }
  return out;
}

function words(p: Prepared, a: number, b: number): number {
  return wordIndex(p, b) - wordIndex(p, a);
}

function sideEvidence(p: Prepared, h: ScanHit): { side: string; cue: Evidence } {
  return { side: h.entry.owner, cue: evidence(p, h.start, h.end, h.entry.rule) };
}

/** Where the sentence's own words begin (after a tag, dateline or an opening quotation). */
function effectiveStart(p: Prepared): number {
  // Asked several times per sentence: worked out once.
  if (p.mainStart !== undefined) return p.mainStart;
  const q = p.quotes.find(([s]) => s <= p.bodyStart + 1 && s >= p.bodyStart);
  const lead = q ? null : LEADING_CLAUSE.exec(p.text.slice(p.bodyStart));
  p.mainStart = q ? q[1] : lead ? p.bodyStart + lead[0].length : p.bodyStart;
  return p.mainStart;
}

const COMPLEMENT = /\b(?:that|whether|if|why|how|because|when|what)\s+(?:the\s+|a\s+)?$/iu;
/** A leading adverbial or concessive clause ("At one conference, …", "While the U.S. views…, …"): the main clause follows its comma. */
const LEADING_CLAUSE = /^\s*(?:(?:At|In|On|Among|During|After|Before|For|Since|Ever since|Over|Throughout|Privately|Publicly|Yet|But|And|Still|Meanwhile|Asked|Speaking|Each time|Whatever|With|Without|Under|Despite|Given|Like|Unlike|Once|Until|Within|Across|Now|Today|Since then|Behind|Beyond|(?:This|Last|Next|That|Later|Earlier) (?:week|month|year|spring|summer|autumn|fall|winter|morning|day|decade))\b|(?:While|Although|Though|Whereas|Even though|If|When|As|Because|Now that|Having)\b)[^,;:"]{0,80},\s*/u;
const NEGATED_VERB = /\b(?:not|n't|never|declined to|refused to)\s+$/u;
/** A verb after a modal ("should tell Tokyo plainly") is the writer's advice, not a view reported. */
const MODAL_HINT = /(?:ould|ust|to|tter)\s+(?:\w+ly\s+)?$/iu;
const MODALS = new Set(['should', 'must', 'ought to', 'need to', 'needs to', 'has to', 'have to', 'had better']);
/** The last words before a verb, an -ly adverb skipped, lower-cased ("should", "have to"). */
function modalBefore(before: string): boolean {
  // Most verbs follow a name or a noun: look closer only when a modal's letters are there at all.
  if (!MODAL_HINT.test(before)) return false;
  const w = before.trimEnd().toLowerCase().split(/\s+/u);
  if (w.length > 0 && (w[w.length - 1] as string).endsWith('ly')) w.pop();
  const last = w[w.length - 1] ?? '';
  if (last !== 'to' && last !== 'better') return MODALS.has(last);
  return MODALS.has(`${w[w.length - 2] ?? ''} ${last}`);
}
/** "Japan agreed on Tuesday to take part", "agreed to move": an agreement to act is an event (rule 4), not a view. */
const AGREED_ACT = /^agree[sd]?\s+(?:(?:on|this|last|early|late)\s+\w+\s+|(?:today|yesterday|tonight|again|formally|finally|quietly|reluctantly)\s+)?to\s+(?!the\b|a\b|an\b|this\b|that\b|it\b|them\b|his\b|her\b|their\b|its\b)[a-z]/u;
/**
 * Round 10b: a verb of saying in its event sense (rule 4): a pact concluded or agreed ("the first such pact Japan has
 * concluded", "the guidelines agreed two years ago", "concluded a treaty with"), or a record describing what happened
 * ("daily logs describing fighting"). The verb holds no view.
 */
const EVENT_VERB = /^(?:agreed|concluded|signed|describing|detailing|showing|recording)$/u;
const EVENT_THING_BEFORE = /\b(?:pacts?|treaty|treaties|agreements?|accords?|deals?|guidelines|framework|roadmap|arrangements?|package|communiqu[eé]|declaration|terms|logs?|records?|files?|footage|photos?|photographs?|images?|videos?|documents?)\s+(?:[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)?\s+(?:has|had|have)\s+(?:\w+ly\s+)?)?$/u;
const CONCLUDED_ACT = /^concluded\s+(?:a|an|the|its|their|his|her|two|three|several|new)\s+(?:[\w-]+\s+){0,3}?(?:treaty|treaties|pact|pacts|agreement|agreements|accord|deal|contract|arrangement|talks|negotiations)\b/u;
function eventVerb(p: Prepared, h: ScanHit): boolean {
  const word = p.text.slice(h.start, h.end);
  if (!EVENT_VERB.test(word)) return false;
  return EVENT_THING_BEFORE.test(p.text.slice(Math.max(0, h.start - 60), h.start)) || CONCLUDED_ACT.test(p.text.slice(h.start, h.end + 60));
}
const PRONOUN_SUBJECT = /\b(?:it|he|she|they|we|I|you)\s+(?:\w+ly\s+)?(?:(?:has|have|had|would|will|also|later|then)\s+)?$/u;
/** A determiner or possessive right before a verb's letters makes them a noun ("its voice", "their calls", "the report"). */
const DETERMINERS = ['its', 'their', 'his', 'her', 'our', 'my', 'your', 'the', 'a', 'an', 'this', 'that', 'these', 'those', 'every', 'each', 'any', 'no'];
/** Is the word right before `pos` (one space between) a determiner? Compared in place, without copying: this runs for every verb hit. */
function determinerBefore(p: Prepared, pos: number): boolean {
  if (pos < 2 || p.text.charCodeAt(pos - 1) !== 32) return false;
  // Determiners are one to five letters: look back at most six characters for the space before the word.
  let from = pos - 2;
  while (from >= 0 && pos - 1 - from <= 6 && p.text.charCodeAt(from) !== 32) from--;
  const len = pos - 2 - from;
  if (len < 1 || len > 5) return false;
  const at = from + 1;
  for (const d of DETERMINERS) {
    if (d.length !== len) continue;
    let k = 0;
    // A capital first letter ("Their argument") matches too: ASCII letters compared with the case bit set.
    while (k < len && (p.text.charCodeAt(at + k) | 0x20) === d.charCodeAt(k)) k++;
    if (k === len) return true;
  }
  return false;
}
/** "said on Friday he would impose a tariff", "said today it would go ahead with": announcing one's own act is an event (rule 4), not a view. */
const ANNOUNCED_ACT = /^(?:said|says|announced)\s+(?:(?:today|yesterday|(?:on\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|on\s+\w+day|this\s+week|last\s+week)\s+)?(?:that\s+)?(?:it|he|she|they|his government|her government|the government)\s+(?:would|will|plans to|planned to|had decided to|has decided to)\s+(?:begin|go ahead|start|send|raise|cut|impose|withdraw|deploy|build|buy|pay|move|resume|end|halt|suspend|scrap|join|develop|hold|sign|launch|open|close|lift|extend|expand|reduce|introduce|submit|tighten|loosen|ease|review|revise|increase|provide|ban|restrict|release|dispatch|establish|create|set up|station|acquire|purchase|host|resign|step down|upgrade)\b/u;
/** Does this verb hit announce the speaker's own act? Only said/says/announced can: the longer pattern runs for those alone. */
function announced(p: Prepared, h: ScanHit): boolean {
  const c = p.text.charCodeAt(h.start);
  return (c === 115 || c === 97) && h.end - h.start <= 9 && ANNOUNCED_ACT.test(p.text.slice(h.start, h.end + 60));
}
/** A reaction in the passive or as a state ("were stunned", "had been unnerved"). */
const PASSIVE_BE = /\b(?:was|were|is|are|be|been|being|got|get|gets|felt|feel|feels|seemed|seem|seems)\s+(?:\w+ly\s+)?$/u;
/** Verbs of telling, asking and warning, whose passive subject is the one addressed. */
const TOLD = /^(?:told|asked|urged|pressed|warned|reassured|assured|informed|advised|welcomed|greeted|praised|criticized|criticised|thanked|hailed|condemned|blamed|accused|denounced|rebuked|questioned)\b/u;
/** The writer describing themselves up to a place: "I'm a third-year student in", "I was a reporter at". */
const SELF_PLACE = /\b(?:I'm|I am|I was|I've been)\s+(?:a|an|the)\s[^.;,]{0,50}\b(?:in|from|at)\s+(?:the\s+)?$/u;
const SELF_HOLDER = /\b(?:I'm|I am|I was|I've been)\s+(?:a|an)\s+(?:[\w-]+\s+){0,3}$/u;
/** A relative clause between a subject and a verb gives the verb another holder ("The president …, which activists had urged"). */
const RELATIVE = /,\s*(?:which|who|whom|whose|where)\b/u;
/** Is a verb after this stretch past the subject still the subject's: no relative clause, or one closed by a comma ("Japanese officials, who had lobbied for it, called it…")? */
function inMainClause(between: string): boolean {
  const r = RELATIVE.exec(between);
  return r === null || between.indexOf(',', r.index + 1) >= 0;
}
/** Where a clause opens after a colon or semicolon: its subject may hold the view ("…is anxious: officials fear…"). */
const CLAUSE_OPEN = /[:;]\s+/gu;
const COMPLEMENT_OPEN = /^(?:whether|that|if|how|why|what|when|to)\b/iu;
/** "Yet in Japan, a fair number of commentators see…": a place in the leading phrase still names the holders. */
const LOCATIVE_LEAD = /^\s*(?:(?:Yet|But|And|Still),?\s+)?(?:in|across|throughout|around|among)\s/iu;
/** "The mood in Tokyo", "a feeling in Japan that…": a view noun whose holders follow it. */
const NOUN_IN = /^\s+(?:in|among|across|throughout|within)\s+(?:the\s+)?$/u;
const CONCESSIVE = /^\s*(?:While|Although|Though|Whereas|Even though)\b/u;
/** "Masatoshi Honda, an associate professor …, argues": a named person with an apposition. */
const NAMED_RULE = 'attribution:named-person';
/** A question opening by addressing someone ("Mr. Ambassador, how…"): the name is no holder. */
const VOCATIVE = /^\s*(?:(?:Mr|Ms|Mrs|Dr|Madam|Madame)\.?\s+)?[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)?,/u;
/** A cue after these is what a view is about or where someone went, not who holds it ("ask me about American politics", "flew to Tokyo"). */
/** "Aides to Abe", "an adviser to the prime minister": 'to' ties a person to whom they serve, and the cue names their side. */
const SERVES = /\b(?:aides?|advisers?|advisors?|envoys?|spokes(?:man|woman|person)|close)\s+to\s+(?:the\s+)?$/iu;
/** Is the cue the object of a preposition (about Japan, flew to Tokyo) rather than someone's side (aides to Abe)? */
function objectOf(p: Prepared, c: ScanHit, infinitive = true): boolean {
  const before = p.text.slice(Math.max(0, c.start - 24), c.start);
  return (OBJECT_PREP.test(before.slice(-16)) && !SERVES.test(before)) || (infinitive && TO_VERB.test(before));
}
/** The object of an infinitive ("to reassure Washington", "to pressure Tokyo"). */
const TO_VERB = /\bto\s+[a-z]{3,}\s+(?:the\s+)?$/u;
const OBJECT_PREP = /\b(?:about|toward|towards|against|regarding|concerning|over|on|to|into|with|by|behind|than|alongside|beside|without|upon)\s+(?:the\s+)?$/iu;
/** After a subject: the writer's advice ("should do more") or the writer's verdict on a side's view ("has reason to worry", "is right to", "has arguably"), not a view reported. */
// Round 11: the writer's advice in softer words ("Washington would do well to remember…", "would be wise to", "may wish to consider").
const MODAL_AFTER = /^\s+(?:[a-z]+s\s+)?(?:\w+ly\s+)?(?:should|must|ought to|needs to|need to|has to|have to|had better|would (?:do well|be wise|be well advised) to|(?:may|might) (?:wish|want) to)\b/u;
const VERDICT_AFTER = /^\s+(?:[a-z]+s\s+)?(?:(?:has|have|had)\s+(?:\w+ly\s+)?(?:good\s+|every\s+|some\s+|little\s+|no\s+|more\s+|less\s+|real\s+)?reason to|(?:is|are|was|were)\s+(?:\w+ly\s+)?(?:right|wrong|correct|justified|mistaken)\s+to|(?:has|have|had|is|are|was|were)?\s*arguably)\b/u;
/** The writer's advice or verdict right after a subject; the verdict pattern runs only where one of its words is. */
const SUBJECT_MODAL = {
  test(t: string): boolean {
    if (MODAL_AFTER.test(t)) return true;
    return (t.includes('reason') || t.includes('right') || t.includes('wrong') || t.includes('arguabl') || t.includes('correct') || t.includes('justified') || t.includes('mistaken')) && VERDICT_AFTER.test(t);
  },
};
const NAMED_PERSON = /^\s*(?:[A-Z][a-z]+\.?\s+){1,3}[A-Z][a-z]+,/u;
const VERB_BEFORE_GAP = /^,?\s+(?:a|an|the|one|another|two|three|several)\s+(?:(?!(?:has|have|had|is|was|were|are|would|will|that|to)\s)[\w.'-]+\s+){0,3}$/u;

/** People met in the street or at home, not officials: where the report is filed, not the side last quoted. */
const EN_VOX = /^(?:residents?|citizens?|students?|voters?|farmers?|fishermen|shopkeepers?|retirees?|pensioners?|teachers?|nurses?|workers?|drivers?|housewi(?:fe|ves)|neighbou?rs?|survivors?|famil(?:y|ies)|relatives|people|public|crowds?|demonstrators|protesters?|thousands|hundreds)$/iu;
const OWN_CIRCLE = /\b(?:my|our|My|Our)\s+(?:[a-z]+\s+)?$/u;
/** "This spring", "this week": a time, not a view carried on. */
const TIME_AFTER = /^\s+(?:week|month|year|years|days|spring|summer|autumn|fall|winter|morning|time|times|weekend|decade|decades|century)\b/iu;
/** "This page believes", "this newspaper": the writer's own paper, not a view carried on. */
const OWN_MEDIUM = /^\s+(?:page|newspaper|paper|column|editorial|board|magazine)\b/iu;
/** Without these kinds of hit an English sentence names no holder (every path below needs one of them). */
const EN_HOLDING = ['frame', 'verb', 'noun', 'verb-before', 'reaction'];
/** Likewise for a Japanese sentence: a frame, or a candidate holder before a particle. */
const JA_HOLDING = ['frame', 'cue', 'home', 'holder', 'continuation'];

/** Is the body one quotation (most of its characters inside quotation marks, opening with one)? */
function quotationOnly(p: Prepared): boolean {
  const body = p.text.slice(p.bodyStart).trim();
  if (!/^["“「『]/u.test(body) || p.quotes.length === 0) return false;
  const inside = p.quotes.reduce((n, [s, e]) => n + Math.max(0, e - Math.max(s, p.bodyStart)), 0);
  return inside >= 0.8 * body.length;
}

/** The first person inside a quotation. */
const QUOTED_FIRST_PERSON = /\b(?:I|I'm|I'd|I've|we|We|we're|We're|us|our|Our|my|My)\b|私|僕|我々|われわれ|わが国|我が国/u;
/** A quotation of some length in which someone speaks in the first person: the span, as evidence. */
function quotedSpeech(p: Prepared): Evidence | null {
  // Most sentences quote nothing: look for a quotation mark before working out the spans.
  if (!p.text.includes(p.lang === 'ja' ? '「' : '"')) return null;
  const q = p.quotes.find(([s, e]) => s >= p.bodyStart && e - s >= 20 && QUOTED_FIRST_PERSON.test(p.text.slice(s, e)));
  if (!q) return null;
  // The writer speaking in the first person outside the quotation is quoting a claim to answer it, not reporting a voice.
  let outside = p.text.slice(p.bodyStart);
  for (const [s, e] of p.quotes) outside = outside.replace(p.text.slice(s, e), ' ');
  return EN_FIRST_PERSON.test(outside) ? null : evidence(p, q[0], q[1], 'attribution:quoted-speech');
}

/** "met in Washington": a place after a preposition is where something happened, unless it follows a holder ("officials in Tokyo") or opens the clause. */
const PLACE_PREP = /\b(?:in|at|from)\s+(?:the\s+)?$/u;
function eventPlace(p: Prepared, c: ScanHit, from: number): boolean {
  const before = p.text.slice(Math.max(from, c.start - 10), c.start);
  const m = PLACE_PREP.exec(before);
  if (!m) return false;
  const prepAt = c.start - before.length + m.index;
  if (/^\s*(?:(?:Yet|But|And|Still|So|Even|Now|Here)\b,?\s*)?$/u.test(p.text.slice(from, prepAt))) return false;
  return !hitsOf(p, 'holder').some((h) => h.end <= prepAt && prepAt - h.end <= 2);
}

/** Offsets where a clause opens after a colon or semicolon outside quotations, past `from`. */
function clauseOpens(p: Prepared, from: number): number[] {
  if (!p.text.includes(':') && !p.text.includes(';')) return [];
  const out: number[] = [];
  for (const m of p.text.matchAll(CLAUSE_OPEN)) {
    const at = m.index + m[0].length;
    // A complement after the colon (": whether Washington…") has no subject of its own.
    if (at > from && !inQuote(p, m.index) && !COMPLEMENT_OPEN.test(p.text.slice(at, at + 10))) out.push(at);
  }
  return out;
}

/** A question opening with its auxiliary ("Did the President raise…?", "Does Tokyo fear…?"): its subject is asked about and holds no view. */
const INVERTED_QUESTION = /^\s*(?:Do|Does|Did|Is|Are|Was|Were|Will|Would|Can|Could|Has|Have|Had|Shall)\s[^?]{0,200}\?\s*$/u;

/** A side's people as the subject ("Japanese officials", "U.S. negotiators", "the Americans"): group nouns after a side's cue. */
const PEOPLE_AFTER = /^\s+(?:(?:[a-z]+|[A-Z][a-z]+)\s+)?(?:officials|diplomats|lawmakers|legislators|negotiators|policymakers|policy-makers|planners|politicians|leaders|strategists|commentators|critics|analysts|experts|scholars|officers|commanders|voters|conservatives|liberals|nationalists|hawks|doves)\b/u;
/** A side's people named by nationality alone ("The Americans want…", "Many Japanese feel…"). */
const NATIONALS = /^(?:Americans|Japanese)$/u;
const NATIONAL_VERB = /^\s+(?:(?:I|we)\s+(?:talked|spoke|met|know|knew|interviewed|asked)\b|(?:\w+ly\s+)?(?:will|would|want|wanted|are|were|have|had|can|could|do|did|may|might|feel|felt|think|thought|fear|feared|see|saw|know|knew|expect|expected|like|liked|dislike|disliked|care|cared|prefer|preferred)\b)/u;
const PROGRESSIVE = /^\s+(?:\w+ly\s+)?(?:is|are|was|were|have been|has been|had been)\s+(?:\w+ly\s+)?(?!(?:growing|getting|becoming|losing|running|tiring|souring|cooling|warming|feeling|hoping|worrying|wondering|asking|demanding|pressing|pushing|urging|calling|complaining|warning|insisting|arguing|saying)\b)[a-z]+ing\b/u;
/** Predicates that report an event, not an attitude (rule 4): "Japanese officials arrived in Washington". */
const EVENT_PREDICATE = /^\s+(?:\w+ly\s+)?(?:(?:will|would|are to|were to|are due to|plan to|planned to)\s+)?(?:arriv|met|meet|visit|flew|fly|travel|gather|held|hold|attend|sign|announc|left|leave|return|began|begin|open|launch|join|took part|land|sat|sit|spent the (?:day|night|morning|evening)|were told|was told|are told|have been told|had been told|were briefed|will be)/u;
/** Words before the subject that still open the clause ("But", "Still,", "Even"). */
const SUBJECT_LEAD = /^\s*(?:(?:But|And|Yet|Still|So|Even|Now|Meanwhile|Instead),?\s+)?(?:(?:the|The|some|Some|many|Many|most|Most|several|Several|senior|Senior|top|Top|those|Those|these|These|other|Other|few|Few)\s+)*$/u;

/**
 * A side's people opening the main clause, with a predicate that is no event ("Japanese officials were more muted",
 * "U.S. officials had asked for years that…"): their attitude is reported even without a verb of saying (rules 4–5).
 */
function sidePeopleSubject(p: Prepared, from: number, cues: ScanHit[]): { side: string; cue: Evidence } | null {
  for (const c of cues) {
    if (c.start < from) continue;
    if (c.start - from > 40) break;
    if (!SUBJECT_LEAD.test(p.text.slice(from, c.start))) continue;
    const word = p.text.slice(c.start, c.end);
    const people = PEOPLE_AFTER.exec(p.text.slice(c.end, c.end + 40));
    // A nationality alone is a people only before its verb ("The Americans want"), not as an adjective ("the Japanese prime minister").
    if (!people && !(NATIONALS.test(word) && NATIONAL_VERB.test(p.text.slice(c.end, c.end + 24)))) continue;
    if (relativeVerdict(p, c)) return null;
    let after = c.end + (people ? people[0].length : 0);
    // A closed relative or participial phrase after the subject ("officials, who had lobbied…,", "officials traveling with Abe") is skipped to its predicate.
    const rel = /^\s*,[^,]{1,80},/u.exec(p.text.slice(after, after + 90)) ?? /^\s+[a-z]+ing\s+(?:with|to|in|for|from|at)\s+[^,.;]{1,30}?(?=\s+(?:could|would|were|was|are|is|had|have|has|did|do|will)\b)/u.exec(p.text.slice(after, after + 60));
    if (rel) after += rel[0].length;
    const rest = p.text.slice(after, after + 40);
    if (EVENT_PREDICATE.test(rest) || SUBJECT_MODAL.test(rest) || /^\s*(?:'s|[,.;:]|$)/u.test(rest)) return null;
    // An action in progress ("hawks are realizing their goal") describes what they do, not a view they hold.
    if (PROGRESSIVE.test(rest)) return null;
    return sideEvidence(p, c);
  }
  return null;
}

const COORDINATE_OPEN = /,\s+(?:and|but|yet|while|though)\s+/gu;
/** A side's people opening a coordinate clause ("…played golf, and Japanese officials traveling with Abe could barely contain their delight"). */
function coordinatePeople(p: Prepared, from: number, cues: ScanHit[]): { side: string; cue: Evidence } | null {
  if (!p.text.includes(', ')) return null;
  for (const m of p.text.matchAll(COORDINATE_OPEN)) {
    const at = m.index + m[0].length;
    if (at <= from || inQuote(p, m.index)) continue;
    const found = sidePeopleSubject(p, at, cues);
    if (found) return found;
  }
  return null;
}

/** The rest of a holder's noun phrase after its place ("in the prime minister's office", "at the Foreign Ministry"). */
const PLACE_REST = /^(?:'s\s+[a-z]+|\s+(?:office|offices|ministry|government|embassy|party|delegation|camp))?/u;
/**
 * People placed on a side opening the clause ("Diplomats here have not forgotten…", "Officials at METI were more guarded",
 * "Officials in the prime minister's office made little effort to hide their relief"), with a predicate that is no event:
 * their attitude is reported even without a verb of saying (rule 4), like a side's people named by nationality.
 */
function placedHolderSubject(p: Prepared, from: number, cues: ScanHit[]): Found {
  const h = hitsOf(p, 'holder').find((h) => h.start >= from && h.start - from <= 30 && !inQuote(p, h.start));
  if (!h || !GROUP.test(p.text.slice(h.start, h.end)) || !SUBJECT_LEAD.test(p.text.slice(from, h.start))) return null;
  let after: number;
  let found: { side: string; cue: Evidence } | null = null;
  const here = /^\s+here\b/u.exec(p.text.slice(h.end, h.end + 6));
  if (here) after = h.end + here[0].length;
  else {
    const c = cues.find((c) => c.start >= h.end && c.start - h.end <= 10 && HOLDER_OF.test(p.text.slice(h.end, c.start)));
    if (!c) return null;
    found = sideEvidence(p, c);
    after = c.end + (PLACE_REST.exec(p.text.slice(c.end, c.end + 20))?.[0].length ?? 0);
  }
  const rest = p.text.slice(after, after + 40);
  if (EVENT_PREDICATE.test(rest) || SUBJECT_MODAL.test(rest) || PROGRESSIVE.test(rest) || /^\s*(?:'s|[,.;:]|$)/u.test(rest) || !/^\s+(?:\w+ly\s+)?[a-z]/u.test(rest)) return null;
  return found ?? { unsided: true, cue: evidence(p, h.start, after, h.entry.rule), preferLocal: true };
}

/** A side's people opening the clause, or a side's place leading it; both need a cue among the first words, which most sentences lack. */
function leadSubject(p: Prepared, known: ScanHit[] | null, at?: number): { side: string; cue: Evidence } | null {
  const first = p.byKind.get('cue')?.[0];
  if (!first || first.start - p.bodyStart > 48) return null;
  const from = at ?? effectiveStart(p);
  const cues = known ?? cuesOf(p);
  return sidePeopleSubject(p, from, cues) ?? placeLead(p, cues);
}

/** A causative verb and its object before a reaction ("makes Japanese diplomats"). */
const CAUSATIVE = /\b(?:make|makes|made|making|leave|leaves|left|leaving)\s+(?:[\w.'-]+\s+){1,3}$/u;
/** "In Tokyo, …" opening a sentence: what follows is how things stand or are seen there. */
const PLACE_LEAD = /^\s*(?:(?:But|And|Yet|Still|Meanwhile|Now),?\s+)?(?:[Ii]n|[Aa]cross|[Tt]hroughout)\s+(?:the\s+)?$/u;
/** A side's capital or country leading the sentence with a comma ("In Tokyo, the announcement revived memories…"): that side's view (rule 4's reported reaction, without a named holder). */
function placeLead(p: Prepared, cues: ScanHit[]): { side: string; cue: Evidence } | null {
  const c = cues[0];
  if (!c || c.start - p.bodyStart > 24) return null;
  const lead = p.text.slice(p.bodyStart, c.start);
  if (PLACE_LEAD.test(lead)) return /^\s*,/u.test(p.text.slice(c.end, c.end + 3)) ? sideEvidence(p, c) : null;
  // "To Japanese officials, the message is…", "For many Americans …": how a side's people see it.
  if (TO_LEAD.test(lead) && (PEOPLE_AFTER.test(p.text.slice(c.end, c.end + 40)) || NATIONALS.test(p.text.slice(c.start, c.end)))) return sideEvidence(p, c);
  // Round 11: "To some in the Pentagon, this sounds like…", "To a certain kind of Washington strategist, it remains…".
  if (TO_SOME_IN.test(lead) && /^(?:\s+[\w'-]+){0,2},/u.test(p.text.slice(c.end, c.end + 40))) return sideEvidence(p, c);
  // Round 12: "Among Japanese under thirty, a plurality backed…", "Among the Japanese officials we interviewed, none favored…": what that side's people hold.
  if (AMONG_LEAD.test(lead) && /^[^,.;:"]{0,60},/u.test(p.text.slice(c.end, c.end + 64))) return sideEvidence(p, c);
  return null;
}
const AMONG_LEAD = /^\s*(?:(?:But|And|Yet|Still),?\s+)?Among\s+(?:(?:the|many|most|some|younger|older|ordinary|those)\s+)?$/u;
const TO_SOME_IN = /^\s*(?:(?:But|And|Yet|Still),?\s+)?(?:To|For)\s+(?:(?:many|most|some|few|those|others|people|officials)\s+(?:in|at|on|inside|within)\s+(?:the\s+)?|(?:a|an|one)\s+(?:certain\s+)?(?:kind|sort|generation|school|breed)\s+of\s+)$/u;
const TO_LEAD = /^\s*(?:(?:But|And|Yet|Still),?\s+)?(?:To|For)\s+(?:(?:many|most|some|the|older|younger|ordinary)\s+)?$/u;

/** Does a sticky pattern match at `at`? */
function stickyAt(re: RegExp, text: string, at: number): boolean {
  re.lastIndex = at;
  return re.test(text);
}

/** "either delegation", "both parties' negotiators": people of both sides are no one side's holder (rule 5). */
const BOTH_BEFORE = /\b(?:either|both|the two)\s+$/iu;
/** "Both governments", "Neither side": a view of both sides is no one side's (rule 5). */
const BOTH_SIDES = /\s*(?:(?:But|And|Yet)\s+)?(?:Both|Neither)\s+(?:governments|sides|capitals|countries|allies|leaders|nations|government|side|capital|country|ally)\b/uy;

/** The writer's verdict on a view just reported ("Her fear is understandable but overdrawn", "The charge is mostly unfair"). */
const VERDICT_OPEN = /\s*(?:(?:But|And|Yet|Still),?\s+)?(?:(?:Her|His|Their|Its|This|That|The|These|Those|Such|Tokyo's|Washington's|Japan's|America's)\s+)?(?:[a-z]+\s+)?(?:fears?|worry|worries|concerns?|charges?|complaints?|criticism|suspicions?|arguments?|views?|claims?|anxiet(?:y|ies)|grievances?|frustration|resentment|alarm|unease)\s+(?:need\s+not\b|(?:is|are|was|were|seems|seem|seemed)\s+(?:\w+ly\s+)?(?:understandable|misplaced|overblown|overdone|premature|unwarranted|exaggerated|overstated|overdrawn|unfounded|baseless|groundless|unfair|fair|unjustified|justified|mistaken|misguided|(?:not|hardly)\s+(?:misplaced|unfounded|unreasonable|wrong|new))\b)/uy;

/** The writer's own stake in what follows ("The danger is that Japanese leaders conclude…", "The irony is that…"): a forecast or verdict, no side's view (rule 1). */
const WRITER_STAKES = /\s*(?:(?:But|And|Yet|Still|So),?\s+)?The\s+(?:(?:real|deeper|greater|bigger|larger|main|chief|only|true|harder|obvious|immediate|underlying|more serious|final)\s+)?(?:danger|risk|irony|trouble|problem|paradox)\s+(?:here\s+|now\s+)?(?:is|was|remains)\s+that\b/uy;

/** "Both governments…", the writer's verdict on a view or the writer's stake opening the sentence; each pattern runs only where its first words can be. */
function writersFrame(p: Prepared): boolean {
  const lim = p.bodyStart + 48;
  // "Both…"/"Neither…" open the body, after at most But/And/Yet: its first letter is one of those four.
  // Sticky patterns tried at the body's start, without copying the text.
  let i = p.bodyStart;
  while (i < lim && p.text.charCodeAt(i) === 32) i++;
  // Both…, Neither…, or But/And/Yet before them: B, N, A or Y first.
  const c = p.text.charCodeAt(i);
  if ((c === 66 || c === 78 || c === 65 || c === 89) && stickyAt(BOTH_SIDES, p.text, p.bodyStart)) return true;
  // The…, or But/And/Yet/Still/So before it: T, B, A, Y or S first.
  if ((c === 84 || c === 66 || c === 65 || c === 89 || c === 83) && stickyAt(WRITER_STAKES, p.text, p.bodyStart)) return true;
  // The view noun of a verdict is among the first words: a noun or verb hit there.
  const n = p.byKind.get('noun')?.[0];
  const v = p.byKind.get('verb')?.[0];
  return ((n !== undefined && n.start < lim) || (v !== undefined && v.start < lim)) && stickyAt(VERDICT_OPEN, p.text, p.bodyStart);
}

function explicitEn(p: Prepared, allowInitial: boolean, cb?: Codebook): Found {
  if (writersFrame(p)) return declineOwn(p);
  // Round 11 (rule 1): the writer's own appeal or hope ("We urge the government to…", "I hope the people in Washington…") holds the writer's view, whoever it names.
  if (WRITER_APPEAL.test(p.text.slice(p.bodyStart))) return declineOwn(p);
  // Round 12 (rule 1): the writer's answer to unnamed holders ("Those who say Tokyo never moves without American approval should explain this visit.").
  if (p.text.includes(' who ') && WRITER_REBUTTAL.test(p.text.slice(p.bodyStart))) return declineOwn(p);
  // …and so is the paper's own position ("This newspaper supports the alliance, but…", "this newspaper believes they should keep it").
  if ((p.text.includes('his ') || p.text.includes('ur ')) && OWN_PAPER.test(p.text)) return declineOwn(p);
  // Round 11 (rule 5): holders on both sides ("officials on both sides insisted", "participants from both countries agreed") are no one side's.
  const both = p.text.includes(' both ') ? BOTH_HOLDERS.exec(p.text) : null;
  // (Not where a side's holder or place comes first: "Several American Asia hands said… its critics in both countries", "in Nagatacho, where lawmakers from both sides".)
  if (both && both.index >= p.bodyStart && !inQuote(p, both.index) && !cuesOf(p).some((c) => c.start >= p.bodyStart && c.end <= both.index)) return declineOwn(p);
  // "It has become fashionable in this town to…", "popular in this town", "some folks on our side": a view held where the writer is (rule 1's "my colleagues in Tokyo say").
  // Round 12: a view held "here", where the report is filed ("the omission has not gone unnoticed here", "The reaction here was shock", "Here, the mood was…").
  const homeView = p.text.includes(' this ') || p.text.includes(' here') || p.text.includes(' our side') ? (HOME_VIEW.exec(p.text) ?? HERE_VIEW.exec(p.text)) : p.text.includes('Here,') ? HERE_VIEW.exec(p.text) : null;
  if (homeView && homeView.index >= p.bodyStart && !inQuote(p, homeView.index)) return { unsided: true, cue: evidence(p, homeView.index, homeView.index + homeView[0].length, 'attribution:home-view'), preferLocal: true };
  if (!EN_HOLDING.some((k) => p.byKind.has(k))) {
    if (!allowInitial) return null;
    if (!p.byKind.has('cue') && !p.byKind.has('holder')) return null;
    const cues = cuesOf(p);
    return (p.byKind.has('cue') ? (leadSubject(p, cues) ?? coordinatePeople(p, effectiveStart(p), cues)) : null) ?? (p.byKind.has('holder') ? placedHolderSubject(p, effectiveStart(p), cues) : null);
  }
  if (p.text.includes('?') && INVERTED_QUESTION.test(p.text.slice(p.bodyStart)) && !hitsOf(p, 'frame').some((h) => usable(p, h))) return null;
  // A concessive opener ("While the U.S. views…") is background: holders count only in the main clause.
  const skipTo = CONCESSIVE.test(p.text.slice(p.bodyStart)) ? effectiveStart(p) : 0;
  // A place in the writer's self-description ("I'm a student in Kyoto") is where the writer is, not a holder (rule 1).
  const cues = cuesOf(p).filter((c) => c.start >= skipTo && !SELF_PLACE.test(p.text.slice(Math.max(0, c.start - 80), c.start)));
  // A negated verb of saying ("did not say whether") reports no view.
  // Rule 5: a side's subject that has not said something still speaks for that side alone ("Japanese officials have not said whether…").
  // "Japanese officials were told…": the subject of a verb of telling in the passive is its addressee, not its holder.
  // A verb's letters after a determiner are a noun ("its voice", "their argument"): found once for both uses below.
  const detVerbs = hitsOf(p, 'verb').filter((h) => determinerBefore(p, h.start));
  const subjectVerbs = hitsOf(p, 'verb').filter(
    (h) => usable(p, h) && !detVerbs.includes(h) && !modalBefore(p.text.slice(Math.max(0, h.start - 24), h.start)) && !AGREED_ACT.test(p.text.slice(h.start, h.end + 24)) && !announced(p, h) && !eventVerb(p, h) && !(TOLD.test(p.text.slice(h.start, h.end)) && PASSIVE_BE.test(p.text.slice(Math.max(0, h.start - 16), h.start)) && !/^\s+as\b/u.test(p.text.slice(h.end, h.end + 4))),
  );
  const verbs = subjectVerbs.filter((h) => !NEGATED_VERB.test(p.text.slice(Math.max(0, h.start - 24), h.start)));
  // A verb's letters after a determiner are a view noun ("their argument", "the suggestion").
  const nouns = hitsOf(p, 'noun').filter((h) => usable(p, h));
  for (const h of detVerbs) if (usable(p, h) && /^(?:argu|suggest|criticis|criticiz|complain|demand|warn|concern|worr|fear|doubt|hope|claim|view|belie)/u.test(p.text.slice(h.start, h.end))) nouns.push(h);
  const frame = hitsOf(p, 'frame').find((h) => usable(p, h));
  if (frame) return sideEvidence(p, frame);
  for (const vb of hitsOf(p, 'verb-before')) {
    // Only the inverted order ('"…," said a senior official') puts the holder after the verb.
    // (A quotation may close with a single mark: "'…,' said a lawmaker".)
    if (!usable(p, vb) || !/(?:[",]\s*|,'\s*|^\s*)$/u.test(p.text.slice(Math.max(p.bodyStart, vb.start - 3), vb.start))) continue;
    // "said a senior U.S. official": the holder follows as a noun phrase opened by a determiner.
    const c = cues.find((c) => c.start >= vb.end && VERB_BEFORE_GAP.test(p.text.slice(vb.end, c.start)));
    if (c) return sideEvidence(p, c);
  }
  for (const r of hitsOf(p, 'reaction')) {
    if (!usable(p, r)) continue;
    // A reaction inside what someone else remarks ("remarked that the idea … still stung in Tokyo") is theirs to report.
    if (subjectVerbs.some((v) => v.end <= r.start && REMARKED_THAT.test(p.text.slice(v.start, r.start)))) continue;
    // "Aides to Abe were stunned that Washington…", "officials who had been unnerved by…": the one who reacts is named before.
    if (PASSIVE_BE.test(p.text.slice(Math.max(0, r.start - 24), r.start))) {
      const b = cues.filter((c) => c.end <= r.start && words(p, c.end - 1, r.start) <= 8 && !objectOf(p, c, false)).pop();
      if (b) return sideEvidence(p, b);
      continue;
    }
    const c = cues.find((c) => c.start >= r.end && words(p, r.end, c.start) <= 3);
    if (c) return sideEvidence(p, c);
    // "…makes Japanese diplomats wince": the one made to react stands between the causative verb and the reaction.
    const made = CAUSATIVE.exec(p.text.slice(Math.max(0, r.start - 48), r.start));
    if (made) {
      const e = cues.find((c) => c.end <= r.start && c.start >= r.start - made[0].length + made[0].indexOf(' '));
      if (e) return sideEvidence(p, e);
    }
  }
  // Rule 5: "Nobody in Tokyo wants…", "no one in Kasumigaseki missed…" speaks of that side alone.
  const nobody = p.text.includes('obody') || p.text.includes('o one') ? nobodyIn(p, cues) : null;
  if (nobody === BOTH) return null;
  if (nobody) return nobody;
  // "was greeted in Tokyo with polite skepticism": a side's reception of something, told in the passive.
  const received = p.text.includes(' with ') ? receivedWith(p, cues) : null;
  if (received) return received;
  const home = hitsOf(p, 'home').find((h) => usable(p, h) && h.start >= skipTo && verbs.some((v) => v.start >= h.end && words(p, h.end, v.start) <= 7));
  const start = effectiveStart(p);
  const startWord = wordIndex(p, start);
  const opens = clauseOpens(p, start);
  // Rule 3 in the first person: "I would note that Japanese leaders have said…", "I am told Sato's people say…": the writer or speaker only frames what a side holds.
  const framed = p.byKind.has('cue') && (p.text.includes('I ') || p.text.includes("I'") || p.text.includes('et me ')) ? framedHolder(p, start, cues, subjectVerbs) : null;
  if (framed) return framed;
  if (allowInitial) {
    // The sentence's subject: a cue among its first words (or a clause's after a colon), before the verb of saying (or owning the view noun).
    const first = LOCATIVE_LEAD.test(p.text.slice(p.bodyStart)) ? p.bodyStart : start;
    for (const from of [first, ...opens]) {
      const fromWord = from === first ? startWord : wordIndex(p, from);
      const c = cues.find(
        (c) =>
          c.start >= from &&
          wordIndex(p, c.start) - fromWord <= 6 &&
          !objectOf(p, c) &&
          !eventPlace(p, c, from) &&
          // "Washington should do more": the writer's advice to a side, not that side's view.
          !SUBJECT_MODAL.test(p.text.slice(c.end, c.end + 24)) &&
          !relativeVerdict(p, c) &&
          (subjectVerbs.some((v) => v.start >= c.end && clauseOf(p, v.start) === clauseOf(p, c.start) && inMainClause(p.text.slice(c.end, v.start))) ||
            nouns.some((n) => n.start >= c.end && words(p, c.end, n.start) <= 3)) &&
          !verbs.some((v) => v.end <= c.start && v.start >= from),
      );
      if (c) return jointSubject(p, c, cues) ? null : sideEvidence(p, c);
    }
  }
  for (const n of nouns) {
    if (n.start < skipTo || n.start > start + 60) continue;
    const c = cues.find((c) => c.start >= n.end && NOUN_IN.test(p.text.slice(n.end, c.start)));
    if (c) return sideEvidence(p, c);
  }
  // People with no side named before a verb ("Officials", "Party strategists", "they"): its holders, whoever they are.
  const held = (at: number, k: string): boolean => hitsOf(p, k).some((h) => h.start >= start && h.end <= at);
  const heldBefore = (at: number): boolean => held(at, 'holder') || held(at, 'continuation') || /\b(?:they|he|she|They|He|She)\s+(?:\w+\s+){0,2}$/u.test(p.text.slice(Math.max(start, at - 30), at));
  let best: { c: ScanHit; d: number } | null = null;
  let joint = false;
  for (const v of verbs) {
    if (v.start < skipTo) continue;
    for (const c of cues) {
      if (c.end > v.start) break;
      // Only the nearest side within five words can be the verb's subject: the tests below are skipped for the rest.
      // An aside between dashes ("one Japanese speaker after another — all … specialists — declared") does not part a subject from its verb.
      // Round 11: so does a short aside between commas right before the verb ("The U.S. side has, for its part, expressed…").
      const aside = p.text.includes('—') ? DASH_ASIDE.exec(p.text.slice(c.end, v.start)) : p.text.includes(',') ? COMMA_ASIDE.exec(p.text.slice(c.end, v.start)) : null;
      const d = words(p, c.end - 1, v.start) - (aside ? words(p, c.end + aside.index, c.end + aside.index + aside[0].length) : 0);
      if (d > 5 || (best && d >= best.d)) continue;
      if (/^'s\b/u.test(p.text.slice(c.end, c.end + 3))) continue;
      // The subject of a reported clause ("said that Japan would…") is not the holder.
      // …but "What Japanese leaders fear most is…" opening the sentence is a pseudo-cleft whose subject holds the view.
      if (COMPLEMENT.test(p.text.slice(Math.max(0, c.start - 14), c.start)) && !/^\s*What\s+(?:the\s+|a\s+)?$/u.test(p.text.slice(p.bodyStart, c.start))) continue;
      if (objectOf(p, c)) continue;
      if (SUBJECT_MODAL.test(p.text.slice(c.end, c.end + 24))) continue;
      // "Americans who hear X in that phrase are misreading it", "Japanese politicians who think… should ask…": the writer's verdict on the people a relative clause describes.
      if (relativeVerdict(p, c)) continue;
      // (The aside's own clause boundaries, its dashes and a ", but", are no boundary between them.)
      const asideCut = aside ? clauseOf(p, c.end + aside.index + aside[0].length + 1) - clauseOf(p, Math.max(0, c.end + aside.index - 1)) : 0;
      if (clauseOf(p, c.start) + asideCut !== clauseOf(p, v.start)) continue;
      // A side right after another verb of its clause is that verb's object ("Opponents saw American fingerprints…, pointing"), not the later verb's subject.
      // A pronoun right before the verb is its subject ("the bases in Japan, which it called…").
      if (PRONOUN_SUBJECT.test(p.text.slice(Math.max(c.end, v.start - 30), v.start))) continue;
      if (d > 2 && verbs.some((o) => o.end <= c.start && o.start >= start && clauseOf(p, o.start) === clauseOf(p, c.start) && words(p, o.end - 1, c.start) <= 2 && !THAT_CLAUSE.test(p.text.slice(Math.max(0, c.start - 10), c.start)))) continue;
      // A side inside what an earlier verb of the sentence reports ("Officials fear the withdrawal will leave Washington wondering") holds no view of its own there.
      // (Not the writer's own frame, "I have heard…", "I can tell you…", nor a poll's finding: what they report is the holder's.)
      if (verbs.some((o) => o.end <= c.start && o.start > start && heldBefore(o.start) && !OPEN_FRAME.test(p.text.slice(Math.max(0, o.start - 30), o.end)) && !FINDING.test(p.text.slice(o.start, o.end)))) continue;
      // "President Clinton and Prime Minister Hashimoto signed…": both sides' leaders acting together are no one side's holder (rule 5).
      if (jointSubject(p, c, cues)) {
        joint = true;
        continue;
      }
      best = { c, d };
    }
  }
  if (best) {
    // Rule 3: the writer's own claim first ("The U.S. is pushing Japan…, but officials have stressed…") keeps the writer's voice.
    const cl = clauseOf(p, best.c.start);
    const ownClaim = cl > 0 && hitsOf(p, 'code').some((h) => clauseOf(p, h.start) === 0 && h.start >= start) && !verbs.some((v) => clauseOf(p, v.start) === 0);
    if (ownClaim) return declineOwn(p);
    return sideEvidence(p, best.c);
  }
  if (joint) return declineOwn(p);
  const named = cb ? japaneseNamedSubject(p, verbs, cues, cb) : null;
  if (named) return named;
  if (home) {
    // "Critics at home" are at home where the person spoken of is; "back home I keep hearing" is the writer's home.
    const holderHome = HOLDER_HOME.test(p.text.slice(home.start, home.end)) && !EN_FIRST_PERSON.test(p.text.slice(p.bodyStart));
    return { unsided: true, cue: evidence(p, home.start, home.end, home.entry.rule), preferLocal: true, holderHome };
  }
  if (allowInitial) {
    const people = leadSubject(p, cues, start) ?? (p.byKind.has('holder') ? placedHolderSubject(p, start, cues) : null) ?? coordinatePeople(p, start, cues);
    if (people) return people;
  }
  if (verbs.length === 0 && nouns.length === 0) return null;
  const bodyWord = wordIndex(p, p.bodyStart);
  const cont = hitsOf(p, 'continuation').find((h) => h.start >= p.bodyStart && !OWN_MEDIUM.test(p.text.slice(h.end, h.end + 12)) && !TIME_AFTER.test(p.text.slice(h.end, h.end + 10)) && wordIndex(p, h.start) - (h.start >= start ? startWord : bodyWord) <= 4 && !inQuote(p, h.start) && !/\bno\s+$/iu.test(p.text.slice(Math.max(0, h.start - 4), h.start)) && !/\b(?:I|we)\b/u.test(p.text.slice(p.bodyStart, h.start)) && !ABSTRACT_OF.test(p.text.slice(Math.max(0, h.start - 12), h.end)));
  // A side named before the pronoun in its clause is the subject ("Washington should take this as…"): the pronoun carries nothing.
  // A holder named before the pronoun ("Residents near Misawa said they…") is the one the pronoun stands for.
  if (cont && !SUBJECT_MODAL.test(p.text.slice(cont.end, cont.end + 32)) && !cues.some((c) => c.end <= cont.start && clauseOf(p, c.start) === clauseOf(p, cont.start) && !(c.start < start && cont.start >= start && ASKED_LEAD.test(p.text.slice(p.bodyStart, p.bodyStart + 12)))) && !hitsOf(p, 'holder').some((h) => h.end <= cont.start && h.start >= start && clauseOf(p, h.start) === clauseOf(p, cont.start))) return { unsided: true, cue: evidence(p, cont.start, cont.end, cont.entry.rule), preferLocal: false };
  const nearOpen = (pos: number): boolean => (pos >= start && wordIndex(p, pos) - startWord <= 4) || opens.some((o) => pos >= o && wordIndex(p, pos) - wordIndex(p, o) <= 3);
  // "I'm a third-year student": the writer describing themselves holds no reported view.
  const holder = hitsOf(p, 'holder').find((h) => nearOpen(h.start) && !inQuote(p, h.start) && !BOTH_BEFORE.test(p.text.slice(Math.max(0, h.start - 10), h.start)) && !SUBJECT_MODAL.test(p.text.slice(h.end, h.end + 32)) && !/^'s\b/u.test(p.text.slice(h.end, h.end + 3)) && !SELF_HOLDER.test(p.text.slice(Math.max(0, h.start - 60), h.start)));
  // The writer's own circle ("my neighbour", "our readers") is where the writer is: the document's side before the last voice heard.
  // "Scholars here", like "officials here", are where the report is filed.
  // "Everyone in Tokyo", "critics from the ruling party": a holder of a side's place or body is that side's.
  if (holder) {
    const of = cues.find((c) => c.start >= holder.end && c.start - holder.end <= 10 && HOLDER_OF.test(p.text.slice(holder.end, c.start)));
    if (of && !/^'s\b/u.test(p.text.slice(of.end, of.end + 3))) return sideEvidence(p, of);
    // "China's foreign ministry", "Japan's defense officials": a side owning the holder.
    const owner = cues.find((c) => c.end <= holder.start && holder.start - c.end <= 30 && /^'s\s+(?:[a-z-]+\s+){0,2}$/u.test(p.text.slice(c.end, holder.start)));
    if (owner) return sideEvidence(p, owner);
  }
  // Round 11: "Business leaders there", "my colleagues there": the people of the place last named, in this unit or the one before.
  if (holder && p.text.startsWith(' there', holder.end) && !/^\s+there\s+(?:is|are|was|were|will|would|have|has)\b/u.test(p.text.slice(holder.end, holder.end + 16))) {
    const place = [...hitsOf(p, 'speaker'), ...cues].filter((c) => c.end <= holder.start && c.start >= p.bodyStart).sort((a, b) => a.start - b.start).pop();
    if (place) return { side: place.entry.owner, cue: evidence(p, holder.start, holder.end + 6, holder.entry.rule) };
    return { unsided: true, cue: evidence(p, holder.start, holder.end + 6, holder.entry.rule), preferLocal: false, there: true };
  }
  // "Its diplomats", "Its authors": the people of whatever the last sentence named as its subject.
  if (holder) return { unsided: true, cue: evidence(p, holder.start, holder.end, holder.entry.rule), preferLocal: OWN_CIRCLE.test(p.text.slice(Math.max(0, holder.start - 24), holder.start)) || /^\s+here\b/u.test(p.text.slice(holder.end, holder.end + 6)) || EN_VOX.test(p.text.slice(holder.start, holder.end)) || (NEW_HOLDER.test(p.text.slice(Math.max(start, holder.start - 40), holder.start)) && !GOES_ON.test(p.text.slice(holder.end, holder.end + 24))), holderHome: /\bIts\s+(?:[a-z]+\s+)?$/u.test(p.text.slice(Math.max(0, holder.start - 16), holder.start)) };
  // "A retired shipwright who worked on American ships said…", "A former chief of staff … said": a person described, not named, holds the view they state.
  const described = DESCRIBED_PERSON.exec(p.text.slice(start));
  if (described && verbs.some((v) => v.start === start + described[0].length)) return { unsided: true, cue: evidence(p, start, start + described[0].length - 1, 'attribution:described-person'), preferLocal: true };
  if (NAMED_PERSON.test(p.text.slice(start))) return { unsided: true, cue: evidence(p, start, start + (NAMED_PERSON.exec(p.text.slice(start))?.[0].length ?? 0) - 1, NAMED_RULE), preferLocal: true };
  const said = hitsOf(p, 'verb-before').find(
    (h) => usable(p, h) && /(?:[",]\s*|,'\s*)$/u.test(p.text.slice(Math.max(p.bodyStart, h.start - 3), h.start)) && /^\s+(?:[A-Z]|(?:a|an|the|one)\s)/u.test(p.text.slice(h.end, h.end + 5)),
  );
  if (said) return { unsided: true, cue: evidence(p, said.start, said.end, said.entry.rule), preferLocal: true };
  return null;
}

/** "Asked whether Japan…, he said": the side in what the question asked about is not who "he" is; the pronoun carries the one last quoted. */
const ASKED_LEAD = /^\s*Asked\b/u;
/** Between two leaders' names joined by "and" ("Clinton and Prime Minister Ryutaro Hashimoto"): capitalised words only. */
// Round 11: "Japan and the United States agreed…": the article before the second side.
const JOINT_GAP = /^(?:\s+[A-Z][\w.'-]*){0,3}\s+and\s+(?:the\s+)?(?:[A-Z][\w.'-]*\s+){0,3}$/u;
/** Is a side's cue joined by "and" to another side's, as one subject of the two ("President Biden and Prime Minister Kishida")? */
function jointSubject(p: Prepared, c: ScanHit, cues: ScanHit[]): boolean {
  if (!p.text.includes(' and ')) return false;
  return cues.some((o) => o.entry.owner !== c.entry.owner && (o.start >= c.end ? o.start - c.end <= 60 && JOINT_GAP.test(p.text.slice(c.end, o.start)) : c.start - o.end <= 60 && c.start >= o.end && JOINT_GAP.test(p.text.slice(o.end, c.start))));
}
/** "We asked" with its object, opening a sentence or the main clause after a leading phrase. */
const WE_ASKED = /(?:^\s*|[.!?]\s+|,\s+)[Ww]e\s+asked\s+(?=[A-Za-z])/gu;
/** Does the unit hold the writer's "We asked someone…" outside any quotation? */
function weAsked(p: Prepared): boolean {
  for (const m of p.text.matchAll(WE_ASKED)) if (m.index >= p.bodyStart && !inQuote(p, m.index + m[0].length - 1)) return true;
  return false;
}
/** A view said to be in fashion where the writer is, or people on the writer's side: held on the document's (or dateline's) side. */
const HOME_VIEW = /\b(?:(?:fashionable|popular|conventional wisdom|received wisdom|(?:the|a) (?:mood|refrain|consensus|fashion|fashionable idea|common view))\s+(?:[a-z]+\s+)?(?:in this (?:town|city|country|capital)|in (?:some|many|certain) quarters here)|(?:[Ss]ome|[Mm]any|[Mm]ost|[Ff]ew|[Ff]olks|[Pp]eople|[Nn]obody|[Nn]o one|[a-z]+ managers)\s+on our side)\b/u;
/** A view or reaction "here" (rule 4's reaction, held where the report is filed). */
const HERE_VIEW = /\b(?:mood|reaction|response|feeling|sense|consensus|fear|worry|anger|unease|suspicion|resentment|criticism)s?\s+here\b|\b(?:unnoticed|noted|noticed|seen|felt|greeted|received|treated)\s+here\b|^\s*Here,\s+the\s+(?:\w+\s+)?(?:mood|reaction|feeling|sense|consensus|fear|worry|anger|unease|ban|question|debate)\b|\b[Tt]o\s+(?:some|many|most)\s+here\b|\bmany\s+here\b/u;
/** A person described by age or past ("A retired GSDF colonel in the group", "A 70-year-old fisherman") right before their verb. */
const DESCRIBED_PERSON = /^\s*(?:A|An|One)\s+(?:retired|former|elderly|young|local|veteran|middle-aged|\d+-year-old)\s+(?:[\w'-]+,?\s+){1,10}?(?=(?:said|says|asked|asks|answered|replied|argued|disagreed|warned|complained|told|added|insisted|suggested|recalled|put it|wondered|worried)\b)/u;
/** A first-person frame that only reports ("I would note that", "I am told", "I have read that", "I understand"), after at most a conjunction or an adverb. */
/** The verbs of a first-person report frame after "I"/"We" ("would note", "'d add for the record", "am told", "keep hearing", "have heard from", "understand"), shared by its two openings below. */
const REPORT_VERBS = String.raw`(?:\s+|(?='))(?:(?:would|'d|will|should|must|can|could)\s+(?:only\s+|just\s+|simply\s+|also\s+)?(?:note|add|say|point out|remind (?:the committee|you|colleagues|my colleagues))(?:\s+for the record)?|(?:am|'m|was|have been|'ve been)\s+(?:told|reminded|informed)|(?:am|'m)\s+(?:now\s+|also\s+)?hearing|keep\s+hearing|(?:have|'ve)\s+(?:also\s+|often\s+|repeatedly\s+|just\s+)?(?:read|heard|been told|seen reports)(?:\s+from)?|(?:also\s+)?(?:read|hear|heard|understand|gather|note|know)(?:\s+from)?)`;
const FIRST_PERSON_REPORT = new RegExp(String.raw`^\s*(?:(?:But|And|Yet|Now|Still|Frankly|Again|Well|Look|Sir|Madam Chair|Mr\. Chairman),?\s+)?(?:(?:Ambassador|Senator|Admiral|General|Secretary|Congressman|Congresswoman|(?:Mr|Ms|Mrs|Dr)\.\s+[A-Z][a-z]+|Madam\s+[A-Z][a-z]+),\s+)?(?:I\s+ask\s+because(?:\s+(?:I|We)${REPORT_VERBS})?|(?:I|We)${REPORT_VERBS}|[Ll]et\s+me\s+(?:also\s+)?(?:add|say|note|point out|stress)|What\s+I\s+can\s+(?:say|tell you)\s+is)(?:,[^,]{1,60},)?\s+(?:that\s+)?(?:when\s+I\s+was\s+in\s+[^,]{1,40},\s+)?`, 'u');
/** Between a side and its own verb: a name, a possessed group ("Sato's people", "Abe's own advisers"), or a role; no comma nor relative pronoun. */
const FRAMED_GAP = /^(?:\s+[A-Z][a-z]+)*(?:'s\s+(?:own\s+)?[a-z]+)?(?:\s+(?:[a-z]+\s+)?(?:leaders|officials|government|governments|diplomats|lawmakers|politicians|public|people|voters|ministers|advisers|aides|planners|officers|commanders|negotiators|counterparts|colleagues|contacts|friends|strategists|commentators|experts|scholars|analysts|legislators|parliamentarians|partners|side))?(?:\s+(?:who|that(?:\s+they)?))?(?:\s+(?:since\s+\S+(?:\s+\S+)?|in\s+[A-Z][a-z]+))?\s+(?:(?:has|have|had|would|will|also|already|repeatedly|privately|publicly|keep|keeps|still|now|often|long)\s+)*$/u;
/**
 * The holder a first-person report frame introduces: "I would note that Japanese leaders have said publicly…" holds Tokyo's
 * view, the speaker only relaying it (rule 3). Needs the side's own verb of saying or feeling right after it.
 */
function framedHolder(p: Prepared, start: number, cues: ScanHit[], verbs: ScanHit[]): { side: string; cue: Evidence } | null {
  const m = FIRST_PERSON_REPORT.exec(p.text.slice(start));
  if (!m) return null;
  const from = start + m[0].length;
  const c = cues.find((c) => c.start >= from && wordIndex(p, c.start) - wordIndex(p, from) <= 3);
  if (!c || objectOf(p, c)) return null;
  const v = verbs.find((v) => v.start >= c.end && clauseOf(p, v.start) === clauseOf(p, c.start) && words(p, c.end - 1, v.start) <= 7);
  return v && FRAMED_GAP.test(p.text.slice(c.end, v.start)) ? sideEvidence(p, c) : null;
}

/** "Nobody in", "no one at", before a side's place or body (rule 5). */
const NOBODY_IN = /\b(?:[Nn]obody|[Nn]o one)\s+(?:(?:here\s+)?(?:in|at|from|inside|within)\s+(?:the\s+)?)$/u;
/** What may come before "Nobody in…" opening a clause: the unit's start, a conjunction, or the end of a clause before it. */
const NOBODY_OPENS = /(?:^|[;:]\s*|,\s+(?:and|but|yet|so)\s+|\.\s+)(?:(?:But|And|Yet|So|Still|Now|Today|Here),?\s+)?(?:I\s+(?:have\s+|'ve\s+)?(?:heard|hear|met|found)\s+)?$/u;
/** Nobody as the one acted on ("nobody in Tokyo had been told"). */
const NOBODY_PASSIVE = /^(?:\s+[a-z]+)?\s+(?:had|has|have|was|were|is|are)\s+(?:\w+ly\s+)?(?:been\s+)?(?:told|asked|informed|consulted|warned|briefed|notified|invited)\b/u;
/** "Nobody in Tokyo or Washington": both sides, the writer's own statement (rule 5). */
const BOTH = 'both';
/** Another side joined to the first ("no one in Tokyo or Washington"): both sides, so nobody in particular. */
const JOINED_SIDE = /^\s+(?:or|and|nor)\s+(?:in\s+)?(?:the\s+)?$/u;
/**
 * Rule 5: "Nobody in Tokyo wants the Americans to leave" speaks of one side alone and takes its voice; "no one in Tokyo
 * or Washington" speaks of both (BOTH: nobody's view in particular).
 */
function nobodyIn(p: Prepared, cues: ScanHit[]): { side: string; cue: Evidence } | typeof BOTH | null {
  for (let i = 0; i < cues.length; i++) {
    const c = cues[i] as ScanHit;
    const m = NOBODY_IN.exec(p.text.slice(Math.max(0, c.start - 24), c.start));
    if (!m || /^'s\b/u.test(p.text.slice(c.end, c.end + 3))) continue;
    // Only as the subject opening its clause ("Nobody in Tokyo wants…", "…, and nobody in Kasumigaseki missed…"), not inside what someone said ("said nobody in Washington had asked"),
    // and acting, not acted on ("nobody in Tokyo had been told").
    const at = c.start - m[0].length + (m[0].startsWith(' ') ? 1 : 0);
    if (!NOBODY_OPENS.test(p.text.slice(p.bodyStart, at)) || NOBODY_PASSIVE.test(p.text.slice(c.end, c.end + 40))) return null;
    const next = cues[i + 1];
    if (next && next.entry.owner !== c.entry.owner && JOINED_SIDE.test(p.text.slice(c.end, next.start))) return BOTH;
    return sideEvidence(p, c);
  }
  return null;
}
/** A passive verb of receiving or watching, then where ("was greeted in Tokyo", "has been watched in Washington"). */
const RECEIVED_IN = /\b(?:is|are|was|were|been|being)\s+(?:\w+ly\s+)?(?:greeted|received|met|watched|viewed|followed|seen|read|heard|taken)\s+(?:(?:in|by|among|across|throughout|around)\s+(?:the\s+)?)$/u;
/** The feeling it was received with ("with polite skepticism", "with something close to dismay"). */
const WITH_FEELING = /^[^.;]{0,24}?\bwith\s+(?:[a-z-]+\s+){0,4}?(?:skepticism|scepticism|suspicion|alarm|dismay|relief|concern|unease|anger|anxiety|caution|delight|satisfaction|disappointment|indifference|resignation|irritation|resentment|apprehension|trepidation|misgivings?|foreboding|dread|envy|interest|enthusiasm|gratitude|bewilderment|consternation|distrust|mistrust|fury|outrage|glee|approval|disapproval)\b/u;
/** The side that received something with a feeling, named after a passive verb ("Kim's pledge was greeted in Tokyo with polite skepticism"). */
function receivedWith(p: Prepared, cues: ScanHit[]): { side: string; cue: Evidence } | null {
  const c = cues.find((c) => RECEIVED_IN.test(p.text.slice(Math.max(0, c.start - 48), c.start)) && WITH_FEELING.test(p.text.slice(c.end, c.end + 90)));
  return c ? sideEvidence(p, c) : null;
}

/** "None of this", "all of that": a quantity of what was said, not the people who said it. */
const ABSTRACT_OF = /\b(?:[Nn]one|[Aa]ll|[Mm]uch|[Ss]ome|[Aa]ny|[Mm]ost|[Pp]art) of (?:this|that|it)$/u;
/** A person's name right before their verb: a title or a given name, the surname, an optional affiliation or apposition ("Mr. Hashimoto called", "Member Kenji Sato (LDP) asked", "Inada, the defense minister, added"). */
const NAME_BEFORE_VERB = /(?:\b(Mr\.|Ms\.|Mrs\.|Dr\.|Prof\.|Professor|Member|Governor|Ambassador|Minister|Mayor|General|Admiral|Prime Minister|Foreign Minister|Defense Minister|Defence Minister|Finance Minister|Chief Cabinet Secretary)\s+)?(?:\b([A-Z][a-z]+)\s+)?\b([A-Z][a-z]{3,})(?:'s)?(?:\s+\([^)]{1,40}\))?(?:,\s[^,]{1,60},)?\s+(?:(?:also|later|then|had|has|have|would|will|once)\s+)?(?:\w+ly\s+)?$/u;
/** Does text[from, to) hold a capitalised word of four letters or more spelt like a romanised Japanese surname? Scanned by character codes: this runs for most sentences with a verb. */
function capitalisedRomaji(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 65 || c > 90 || (i > 0 && isLetter(text.charCodeAt(i - 1)))) continue;
    let j = i + 1;
    while (j < text.length && text.charCodeAt(j) >= 97 && text.charCodeAt(j) <= 122) j++;
    if (j - i < 4 || (j < text.length && isLetter(text.charCodeAt(j)))) {
      i = j;
      continue;
    }
    const w = text.slice(i, j);
    let r = romajiCache.get(w);
    if (r === undefined) {
      r = !NOT_NAMES.has(w) && ROMAJI_SURNAME.test(w);
      // Bounded: names are many but a corpus repeats them.
      if (romajiCache.size < 50_000) romajiCache.set(w, r);
    }
    if (r) return true;
    i = j;
  }
  return false;
}
function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
const romajiCache = new Map<string, boolean>();
/** Capitalised words at a sentence's head that are no one's name. */
const NOT_NAMES = new Set(['Some', 'None', 'Nine', 'Make', 'Take', 'Came', 'Made', 'Japanese', 'Hanoi', 'Manila', 'Panama', 'Canada', 'Here', 'Tokyo', 'Osaka', 'Kobe', 'Okinawa', 'Naha', 'Sasebo', 'Yokosuka', 'Kadena', 'Futenma', 'Sake', 'Tsunami', 'Kimono', 'Samurai', 'Senkaku', 'Senkakus', 'Abenomics', 'Korea', 'China', 'Asia', 'Senate', 'Europe', 'More', 'Home', 'Sure', 'Hope', 'Note', 'Name', 'Same', 'Rise', 'Wide', 'Wise', 'Tone', 'Zone', 'Rare', 'Mere', 'Gone', 'Hiroshima', 'Nagasaki', 'Kobe', 'Nagoya', 'Sapporo', 'Yokohama', 'Obama', 'Pompeo', 'Rubio']);
/**
 * A person with a surname in romanised Japanese as the subject of a verb of saying or feeling ("Inada added that…",
 * "Mr. Hashimoto called the relationship…"): the side Japanese names belong to, unless a side is named in the name itself.
 */
function japaneseNamedSubject(p: Prepared, verbs: ScanHit[], cues: ScanHit[], cb: Codebook): { side: string; cue: Evidence } | null {
  const home = homeSide(cb);
  if (!home) return null;
  // Most sentences have no capitalised word of that shape before their last verb: look for one, once, before the full pattern.
  const last = verbs[verbs.length - 1];
  if (!last || !capitalisedRomaji(p.text, p.bodyStart, last.start)) return null;
  for (const v of verbs) {
    const from = Math.max(p.bodyStart, v.start - 90);
    const slice = p.text.slice(from, v.start);
    const m = NAME_BEFORE_VERB.exec(slice);
    if (!m) continue;
    const surname = m[3] as string;
    const at = from + m.index + m[0].indexOf(surname, (m[1]?.length ?? 0) + (m[2]?.length ?? 0));
    // A side's own person (Obama, Rubio) or place is a cue, found before this.
    if (NOT_NAMES.has(surname) || !ROMAJI_SURNAME.test(surname) || cues.some((c) => c.start < at + surname.length && c.end > at - 1)) continue;
    // A name needs a title, a given name in romanised Japanese too, or (a surname alone, "Inada added") to open the sentence.
    const given = m[2] !== undefined && ROMAJI_SURNAME.test(m[2]);
    const titled = m[1] !== undefined && (m[2] === undefined || given);
    const alone = m[1] === undefined && m[2] === undefined && at === effectiveStart(p) && surname.length >= 5;
    if (!titled && !given && !alone) continue;
    if (clauseOf(p, at) !== clauseOf(p, v.start) && !/,\s[^,]{1,60},/u.test(m[0])) continue;
    return { side: home, cue: evidence(p, at, at + surname.length, 'attribution:japanese-name') };
  }
  return null;
}

// A side's name then what marks it as the holder: a topic (は, も), a place within it (内に, Round 16: 内から, 内で, not 国内で
// of a country, nor 内では, which は covers), a group (の間で), a source (からは).
const JA_PARTICLE = /^((?:たち|ら|達)?[^、。「」『』がをへとてたに]{0,9}?)(?:は|も|には|内に|内から|(?<!国)内で(?!は)|の間で|の間に|の間から|からも|からは|の中に|まで|が、|から、)/u;
/** Between a side's name and a holder in one noun phrase (韓国から招かれた研究者): no particle that ends the phrase. */
const JA_PRESCRIPTIVE = /^(?:する|す|し|る)?(?:べき|べし|てもらいたい|てほしい|て欲しい|なければならない|ねばならない|なくてはならない)/u;
const JA_HOLDER_GA = /^((?:たち|ら|達)?)が(?!、)/u;
const JA_SOURCE = /^[^、。]{0,3}?(?:によると|によれば)/u;
const JA_SOURCE_END = /(?:によると|によれば)$/u;
const JA_SAME_PHRASE = /^[^、。「」『』はがをで]{0,10}$/u;
/** A quotation framed by と/って and followed by a verb: someone said it (さらに「…」と警告した). */
const JA_QUOTED = /^([^「『]{0,24}?)[「『][^」』]*[」』](?:と|って|などと|とも)/u;
/** A subject marked before the quotation (主婦（58）は「…」, 元幹事長は「…」). */
const JA_SUBJECT = /(?:は|が、|も、)[、\s]*$|は[^をにへで、「」]{1,6}$/u;
/** A subject with は before a quotation, perhaps with where or to whom it was said (ある評論家は講演で「…」, 政務三役は本誌に「…」). */
const JA_SUBJECT_AT = /^[^、。「」]{2,}は(?:[^、。「」はがを]{1,10}?(?:で|に|では|にも)、?)?$/u;
/** What follows と when the quotation is a name or a label, not something said (「基地の町」と呼ばれ, という, とされる). */
const JA_NOT_SAID = /^(?:い[うっわ]|言[うっわ]|呼|称|題|銘打|され|する|して|した|なる|なっ|なり|ある|の|み|思わ|考えられ)/u;
/** Openings that carry on without a subject (さらに「…」, また「…」). */
const JA_CARRY_ON = /^(?:さらに|また|その上|そのうえで|その上で|加えて|続けて|一方で?)?[、\s]*$/u;
/** A unit that carries on the last speaker's words without a subject (そのうえで、…と訴えた). */
const JA_CARRY_LEAD = /^\s*(?:さらに|そのうえで|その上で|加えて|続けて|同時に)、/u;
/** Asked about something, then answering (…について問われると「…」と答えた): the one asked is the last speaker. */
const JA_ASKED_LEAD = /(?:問われ|聞かれ|尋ねられ|質問され|水を向けられ)(?:ると|て|、)[、\s]*$/u;
const JA_SAID_END = /と(?:も)?$/u;
/** A bare place name (日本, 米国, アメリカ): with は it is often the subject of an embedded clause. */
const JA_PLACE = /^(?:[\u30a0-\u30ff・]+|.{0,3}[国本])$/u;
const BARE_GOVERNMENT = '政府';
/** "at home", "back home": relative to whoever the sentence speaks of, unless the writer speaks of their own home. */
const HOLDER_HOME = /^(?:at|back) home$/iu;
const EN_FIRST_PERSON = /\b(?:I|I'm|I've|[Mm]y|[Ww]e|[Oo]ur|[Uu]s)\b/u;
/** A speaker's own view in the first person: rule 3 keeps the speaker's voice. */
const FIRST_PERSON = /\b(?:I|I'm|I've|my)\b|私は|僕は/u;
/** Hearsay ("according to reports") is the speaker's report, not the other side's stated position. */
const HEARSAY = /によれば|によると|と言われ|とされ|報じられ|according to (?:reports|media)|reportedly/u;

/** Rule 3: a unit only relays the other side's position when it is one sentence with no view of the speaker's own. */
function relayable(p: Prepared): boolean {
  const body = p.text.slice(p.bodyStart).trim();
  // 米側から要請を受けて作ったものではございません: a speaker denying the other side's part states a conclusion of their own.
  if (p.lang === 'ja' && JA_OWN_DENIAL.test(body)) return false;
  // Round 11: …米側からそのような要請は受けておりません, 米国が拉致を軽んじることは考えられません (a polite denial closing the turn), …と思います, それを信じている:
  // the speaker's own conclusion.
  if (p.lang === 'ja' && (JA_POLITE_DENIAL.test(body) || JA_OWN_VIEW.test(body))) return false;
  // (The period of "U.S." or "Mr." before a capital ends no sentence: "The U.S. Secretary of Defense has assured me…".)
  const sentences = sentencesOf(body).length;
  // "I hear…", "I have met officials who…", "I would add that…": the first person only frames the report.
  // Round 11 (en): a sentence going on with the same holders ("They hear the rhetoric and ask…") draws no conclusion of the speaker's own.
  if (sentences > 1 && !(p.lang === 'en' && goesOnWithHolders(body))) return false;
  // (Only English text can hold the speaker's contacts or visit: the pattern is skipped for the rest.)
  const own = p.lang === 'en' ? body.replace(OWN_CONTACTS, ' ') : body;
  return !FIRST_PERSON.test(own.includes('I ') || own.includes("I'") ? own.replace(REPORT_FRAME, ' ') : own) && !HEARSAY.test(body) && !(p.lang === 'en' && SPEAKER_VERDICT.test(body));
}
/** A sentence going on with the holders just reported. */
const GOES_ON_WITH = /^\s*(?:(?:And|But|Yet)\s+)?(?:They|They're|They've|They'd|Their|He|He's|She|She's|Some|Many|Most|A few|Others|One of them)\b/u;
/** True when every sentence of an English unit after its first goes on with the holders it reports (`GOES_ON_WITH`). */
function goesOnWithHolders(body: string): boolean {
  const all = sentencesOf(body);
  return all.filter((x, i) => !(i > 0 && GOES_ON_WITH.test(x))).length === 1;
}
/** A polite denial closing a speaker's turn (…はございません, 受けておりません, 考えられません). */
const JA_POLITE_DENIAL = /(?:ございません|ございませんでした|おりません|ありません|ありませんでした|考えられません)。?\s*$/u;
/** The speaker's own judgement in the first person's words (…と思います, と考えます, 信じている, 疑問です, 気がする, 我々は). */
const JA_OWN_VIEW = /(?:と|って)(?:思[いうっ]|考え(?:て(?:い|お)ります|ます|る)|感じ[るてま])|を信じ|疑問(?:です|だ|に思)|気がする|(?:我々|われわれ|私たち|わたしたち)(?:は|も|が)/u;
/** A unit whose own last predicate is a denial (…ものではない, …ことはございません). */
const JA_OWN_DENIAL = /(?:ものでは|わけでは|ことは|訳では)(?:ない|なかった|ありません|ございません|ありませんでした)(?:。|$)\s*$/u;
/** The speaker judging what they relay ("argue, with some justice, that…", "rightly complain"): a conclusion of their own (rule 3). */
const SPEAKER_VERDICT = /\b(?:with (?:some|good|considerable|much) (?:justice|reason|justification)|not without (?:reason|justice)|(?:quite |very )?(?:rightly|wrongly|correctly|unfairly|fairly enough)|and (?:they|he|she) (?:are|is|were|was) right)\b/u;
/** Inside a report frame, the speaker's contacts ("my Japanese counterparts"), career ("for the first time in my career") and visit ("when I was in Tokyo") are no view of the speaker's own. */
const OWN_CONTACTS = /\bmy\s+(?=(?:[A-Z][\w.-]*\s+)?(?:counterparts|colleagues|contacts|friends|interlocutors|staff|office|aides)\b)|\bin\s+my\s+(?:career|life|experience|time)\b|\bwhen\s+I\s+was\s+in\b|\bI\s+was\s+(?:just\s+|recently\s+)?in\b/gu;
const REPORT_FRAME = /\bI(?:\s+would\s+(?:only\s+|simply\s+|just\s+|also\s+)?(?:add|note)|'d\s+(?:only\s+|simply\s+|just\s+|also\s+)?(?:add|note)|\s+ask\s+because|\s+can\s+only\s+report(?:\s+what\s+I\s+hear)?|\s+(?:also\s+)?(?:hear|heard|keep hearing|note)|\s+am\s+(?:now\s+|also\s+)?hearing|'m\s+(?:now\s+|also\s+)?hearing|\s+should\s+(?:also\s+|only\s+|just\s+)?(?:say|add|note)|\s+(?:will|can)\s+(?:say|tell you)|(?:\s+have|'ve)\s+(?:also\s+|often\s+|repeatedly\s+|just\s+)?(?:heard|met|talked|spoken|read)|\s+met|\s+am told|'m told|\s+was told|\s+know|\s+(?:talk|talked|speak|spoke|deal|dealt|work|worked)\s+(?:to|with)|\s+meet)\b/gu;
/** A passive or causative-passive ending (られ, され, させられ) right at a verb; not the hedge of a report (求めたとされる: reportedly demanded). */
const JA_PASSIVE = /^[^、。「」]{0,4}?(?<!と)(?:[らさ]れ|させられ)/u;
/** Round 16: a side's own feeling or view (国民の不安は, 地元の怒りは): the side holds it, as it holds a view said by its people. */
const JA_FEELING_OF = /^の(?:不安|不満|怒り|思い|懸念|危機感|焦り|疑念|反発|失望|不信感?|反感|いら立ち|苛立ち|警戒感?|本音|受け止め|戸惑い|困惑)$/u;
/** The end of a noun for people or an institution (識者, 外交部, 支持層, 朝鮮中央通信): a side that owns it names its holder. */
const JA_PERSONISH = /(?:者|家|官|老|多く|大半|半数|一部|論説|論評|社説|報告書|文書|論文|員|長|相|人|部|省|局|庁|会|党|紙|社|団|筋|氏|派|層|首|側|軍|通信|政府|当局|機関|間|中|内|界|世代|世論)(?:たち|ら|達)?(?:の間)?(?:から|で|に)?$/u;
/** A plan or policy put out or settled: the act of announcing it, not a view. */
const JA_EVENT_NOUN = /^(?:方針を[^。、「」]{0,8}?(?:打ち出|決め|固め|発表|伝え|示し)|論評を[^。、「」]{0,8}?(?:配信|掲載|載せ))/u;
/** The content of a commentary stated right before it (…とする論評): the commentary then reports a view. */
const JA_CONTENT_BEFORE = /(?:とする|との|という|とした)$/u;
/** What a view noun is a view of: a quotation or clause (との, という) or a thing (への, に対する). */
const JA_VIEW_OF = /(?:との|という|といった|への|に対する)$/u;
/** A view said to be present or spreading (もある, が根強い, が広がっている, が出ている). */
const JA_PREVAILS = /^(?:は|が|も)?(?:、[^。、「」]{0,10}?|[^。、「」]{0,6}?)(?:ある|あり|出て|出た|広が|根強|くすぶ|強い|強く|強ま|高ま|相次|聞かれ|上が|渦巻|漏れ|増え|絶えな|消えな|残る|残って|少なくな|多い|多く|あふれ|噴き出|噴出|聞こえ)/u;
/** A verb of a view ending a relative clause right before its noun (懸念する声, 危ぶむ声, 疑問視する見方). */
const JA_VIEW_VERB_END = /(?:懸念する|危ぶむ|疑問視する|批判する|不安視する|警戒する|反対する|憂慮する|問題視する|指摘する|心配する|恐れる|主張する)$/u;
/** A relative clause ending in a predicate right before a noun (求める声, 懸念する動き). */
const JA_RELATIVE_END = /(?:る|た|い|だ|ない)$/u;
/** A view that only may spread (広がりかねない, 広がる恐れ) is the writer's warning. */
const JA_MAY = /かねない|かねず|恐れ|おそれ|可能性/u;
/** Katakana right before a cue (a country's name: パキスタン, ロシア): the cue is that country's institution. */
const JA_FOREIGN_BEFORE = /[ァ-ヴ][ァ-ヴー]+$/u;
/** An institution, not a title a person's name comes before (ルース駐日大使 is a person). */
const JA_INSTITUTION = /^(?:政府|外務省|国防省|国防総省|当局|議会)$/u;
/** The side for third parties: the codebook's side named 'other', if any. */
function thirdParty(cb: Codebook): string | null {
  return cb.sides.includes('other') ? 'other' : null;
}
/** People met in the street or at home, not officials: 住民, 市民, 学生, 男性, 主婦… */
const JA_VOX = /^(?:住民|市民|学生|男性|女性|主婦|会社員|若者|有権者|高齢者|農家|漁師|店主|運転手|看護師|教師|退職者|県民|隣人|祖母|祖父|父|母|家族|遺族|被爆者|人々|市長|町長|村長|知事|首長|上官|隊員|自衛官)$/u;
/** …but a commentary whose content the unit states (…とする論評を掲載) reports that view. */
/** What an event's verb takes instead of a view (質問に答えた, 経緯について説明した). */
const JA_EVENT_OBJECT = /(?:質問|問い|取材)に$|について$/u;
/** …the verb ending its unit, with nothing said (答えた。説明しました。). */
const JA_EVENT_END = /^(?:た|し(?:た|ました)|ました)?。?\s*$/u;
const JA_PLAN_CONVEYED = /(?:方針|計画|日程|予定|(?<!とする|との|という|とした)(?:論評|社説|記事))を[^。、「」]{0,8}$/u;
const CHAIR = /(?:委員長|議長|座長|司会|CHAIRMAN|CHAIRWOMAN|CHAIR)$/u;
/** A transcript's heading: a committee or chamber and the record of its hearing ("Senate Armed Services Committee, hearing on …, 2011 (excerpts).", "SENATE FOREIGN RELATIONS COMMITTEE: Hearing on …"). */
const RECORD_WORD = /\b(?:[Hh]earing|HEARING|[Tt]estimony|[Ee]xcerpts?|[Tt]ranscript|[Mm]arkup|[Rr]ecord|session)\b/u;
const CHAMBER = /\b(?:[Cc]ommittee|COMMITTEE|[Ss]ubcommittee|SUBCOMMITTEE|Senate|SENATE|House|HOUSE|Diet)\b/u;
/** A heading names no view (rule 4): short, no quotation, no verb of saying or feeling. */
function recordHeading(p: Prepared, from: number): boolean {
  const body = p.text.slice(from);
  if (body.length > 200 || p.quotes.length > 0) return false;
  const notes = NOTES_HEAD.exec(body);
  const head = notes ? from + notes[0].length : from;
  return (notes !== null || (RECORD_WORD.test(body) && CHAMBER.test(p.text.slice(0, Math.min(p.text.length, from + 120))))) && !hitsOf(p, 'verb').some((h) => usable(p, h) && h.start >= head && !/^hearing$/iu.test(p.text.slice(h.start, h.end)));
}
/** A news item's source (a paper, an agency, a broadcaster) and the kind of item, before a colon. */
const PIECE_HEAD = /^\s*[A-Z][\w.'&-]*(?:\s+[A-Z][\w.'&-]*){0,4}(?:\s+\((?:English|English edition|English digest|English version)\))?(?:\s+English edition)?(?:,\s+|\s+\()(?:short item|news item|news summary|news brief|wire brief|wire story|explainer|analysis|commentary|editorial|(?:opinion )?poll summary|digest)\)?\s*:\s+/u;
/** A headline after a piece's heading: one sentence of at most 30 words. */
/** A heading naming the kind of piece before its title ("Oral history: a retired…", "Wire explainer: What is…", "Embassy Tokyo cable, 1990:", "Survey write-up:"). */
const GENRE_HEAD = /^\s*(?:[A-Z][\w'-]*(?:\s+[A-Za-z][\w'-]*){0,5}?\s+)?(?:[Aa]nalysis|[Hh]istory|[Ss]ummary|[Ee]xplainer|[Cc]heck|[Pp]ost|[Ee]ssay|[Ww]rite-up|[Rr]eport|[Bb]riefing|[Cc]ommentary|[Mm]emo|[Mm]emorandum|[Pp]rofile|[Rr]eview|[Bb]ulletin|[Cc]able(?:,\s*\d{4})?)(?:\s+(?:summary|excerpts?))?\s*:\s+/u;
/** A document's heading: the kind of record (survey, posts, transcript, notes, commentary…), then where, whose or when, not an article or a subject first. */
const DOC_HEAD = /^\s*(?:From\s+(?:the|a|an)\s+(?:transcript|record|minutes)\b|(?!(?:A|An|The|Our|Some|This|My|One)\s)(?:(?:[A-Z][\w'-]*|U\.S\.)\s+){0,3}(?:[Ss]urvey|[Pp]oll|[Pp]osts|[Tt]ranscript|[Ee]xcerpts?|[Nn]otes|[Cc]ommentary|[Ee]ssay|[Ll]etter|[Ss]peech|[Rr]emarks|[Pp]anel|[Ii]nterview)(?:\s+(?:notes|answers|excerpts?|commentary|free-text answers|report|summary|write-up))?(?:\s*[,:(—–]|\s+(?:of|from|on|in|by|with|at|among|after)\b))/u;
/** …or the event or piece it records ("Pentagon press briefing, December 2013 (excerpt), after…", "Blog post by a Japanese graduate student…"), with no headline sentence after a colon. */
const DOC_HEAD_EVENT = /^\s*(?!(?:A|An|The|Our|Some|This|My|One)\s)(?:(?:[A-Z][\w'-]*|U\.S\.)\s+){0,3}(?:(?:press|daily|regular|weekly|public|online|radio|television|news|panel|committee)\s+)?(?:[Bb]riefing|[Pp]ress conference|[Hh]earing|[Mm]eeting|[Rr]eport|[Cc]olumn|[Oo]p-ed|[Pp]ost|[Ll]ecture|[Dd]ebate|[Bb]roadcast|[Pp]odcast|[Ee]ditorial|[Ss]tatement|[Aa]ddress|[Tt]estimony|[Ss]eminar|[Ww]orkshop|[Rr]oundtable|[Ff]orum|[Ss]ymposium|[Dd]iscussion|[Cc]onversation|[Ee]ntry|[Tt]hread|[Ll]etters)(?:\s*[,(—–]|\s+(?:of|from|on|in|by|with|at|among|after)\b)/u;
/** At most five words after the first colon (a title, not a lede). */
function shortAfterColon(text: string): boolean {
  const at = text.indexOf(': ');
  return at < 0 || text.slice(at + 2).trim().split(/\s+/u).length <= 5;
}
/** …not an editorial's or column's headline sentence after its colon ("Column: Each summer, … writers argue that…"). */
const HEADLINE_AFTER = /^\s*(?:Editorial|Column|Commentary|Essay|Letter)\s*:/u;
function pieceHeading(p: Prepared): boolean {
  const m = PIECE_HEAD.exec(p.text) ?? GENRE_HEAD.exec(p.text);
  if (!m) return false;
  const rest = p.text.slice(m[0].length).trim();
  return rest.split(/\s+/u).length <= 30 && !EN_SENTENCE_BREAK.test(rest);
}
/** A speaker's meeting with people of a side, just before that side's word ("I met with Okinawan legislators", "I've had Japanese diplomats ask me", "I met last week with the families of…"). */
const MET_BEFORE = /(?:\bI(?:\s+have|'ve)?\s+(?:also\s+|recently\s+|just\s+|often\s+)?(?:met|had|talked|spoke|spoken|sat down)\b(?:\s+(?:with|to))?(?:\s+(?:last|this)\s+(?:week|month|year))?(?:\s+(?:with|to))?(?:\s+(?:a\s+group\s+of|some|several|a\s+few|many|the|a|an|families\s+of|the\s+families\s+of))*\s+$)|\b(?:[Ww]hen\s+)?I\s+was\s+(?:just\s+|recently\s+)?in\s+$/u;
/** …or the people of a side the speaker meets ("the Japanese officials I meet are not asking…"). */
const MET_AFTER = /^(?:\s+[a-z]+){0,2}\s+I\s+(?:meet|talk to|speak to|speak with|deal with|work with|know)\b/u;
/** A view those people hold, after them: a verb of saying or feeling, a view noun, or one of them speaking ("One of them said", "Their view is"). */
function metContacts(p: Prepared, speaker: string): { side: string; cue: Evidence } | null {
  if (!relayable(p)) return null;
  for (const c of cuesOf(p)) {
    if (c.entry.owner === speaker || c.start < p.bodyStart) continue;
    const before = p.text.slice(Math.max(p.bodyStart, c.start - 70), c.start);
    if (!MET_BEFORE.test(before) && !MET_AFTER.test(p.text.slice(c.end, c.end + 40))) continue;
    const viewAfter = hitsOf(p, 'verb').some((v) => v.start > c.end) || hitsOf(p, 'noun').some((n) => n.start > c.end);
    return viewAfter ? sideEvidence(p, c) : null;
  }
  return null;
}
/** The writer's appeal or hope opening the unit (Round 12: and "It is time for Tokyo to insist…"). */
const WRITER_APPEAL = /^\s*(?:(?:But|And|So|Instead|Still|Meanwhile),?\s+)?(?:(?:We|I)\s+(?:(?:would|strongly|therefore|also|again|only|sincerely)\s+)?(?:urge|hope|call on|call upon|appeal to)\b|It(?:'s|\s+is)\s+(?:high\s+|past\s+|about\s+)?time\b)/u;
/** Unnamed holders the writer answers with advice or a forecast ("Those who feared… should be reassured", "Those who argue… will find little support"). */
const WRITER_REBUTTAL = /^\s*(?:(?:And|But|So|Yet),?\s+)?(?:[Ff]or\s+)?(?:[Tt]hose|[Aa]nyone|[Aa]nybody|[Ww]hoever|[Aa]ll those)\s+who\s[^;:]{3,140}?\s(?:should|must|ought to|need to|would do well to|will find|might want to|may want to)\b/u;
/** The paper or page the writer writes for, holding a view in its own name. */
const OWN_PAPER = /\b(?:[Tt]his|[Oo]ur)\s+(?:newspaper|paper|page|column|board|editorial board|magazine)\s+(?:\w+ly\s+|(?:has|had)\s+(?:long\s+)?)?(?:supports?|supported|believes?|believed|welcomes?|welcomed|insists?|insisted|hopes?|urges?|urged|argues?|argued|thinks?|holds?|regrets?|opposes?|opposed|favou?rs?|backs?|backed|sees|rejects|does not|did not|will not|surveys|examines)\b/u;
/** People of both sides named as one holder ("Officials on both sides", "critics in both countries", "officials in both capitals"). */
const BOTH_HOLDERS = /\b(?:[Oo]fficials|[Dd]iplomats|[Cc]ritics|[Pp]articipants|[Mm]inisters|[Ll]eaders|[Ee]xperts|[Aa]nalysts|[Pp]oliticians|[Ll]awmakers|[Pp]eople|[Vv]oices|[Pp]ages|[Nn]egotiators|[Pp]lanners|[Oo]fficers|[Cc]ommentators|[Ss]cholars|[Ss]upporters|[Oo]pponents|[Gg]overnments)\s+(?:on|in|from|of|at)\s+both\s+(?:sides|capitals|countries|governments|allies)\b(?!\s+of\s+the\s+(?:strait|border))/u;
/** A writer's notes headed as such ("Interview notes: a professor of American politics…", "Notes from a Washington think-tank workshop…"). */
const NOTES_HEAD = /^\s*(?:(?:Interview|Field|Meeting|Workshop|Background)\s+)?[Nn]otes\s*(?::|from\b)/u;
const PROCEDURE = /(?:質疑|審議|討論|採決|議事|質問)(?:を|に)(?:行い|入り|続け|終わり|移り|終え)[^。]{0,6}。?\s*$|(?:を|に)議題と|(?:開会|散会|休憩)(?:いた)?します|発言を許します|^\s*(?:The (?:committee|hearing|subcommittee) will (?:come to order|stand adjourned|recess)|The (?:chair|Chair) recognizes)/u;
/** An explanation, notice or assurance received (説明を受け, 連絡をいただ). */
const JA_RECEIVED = /(?:説明|連絡|回答|返答|伝達|通告|確約|保証|報告|約束|書簡|親書|言葉|表明|言明|確認)を(?:改めて|重ねて|直接|先方から)?(?:受け|いただ|頂|得)|(?:表明|説明|約束|確認)されて(?:いる|おり|います)/u;
/**
 * Rule 3 in Japanese: a speaker or subject of one side reporting what they were told by the other side (米側の説明を受けている,
 * 先方から明確な説明を受けております) relays that side's position; the giver is a side named with の/から shortly before, or 先方 (the other side).
 */
function jaReceived(p: Prepared, speaker: string, cb: Codebook, state?: DocState): { side: string; cue: Evidence } | null {
  if (!p.text.includes('受け') && !p.text.includes('をいただ') && !p.text.includes('を頂') && !p.text.includes('得') && !p.text.includes('されて')) return state ? jaCounterpartWords(p, speaker, cb, state) : null;
  const m = JA_RECEIVED.exec(p.text.slice(p.bodyStart));
  if (!m) return state ? jaCounterpartWords(p, speaker, cb, state) : null;
  const at = p.bodyStart + m.index;
  // Rule 3: the speaker going on to a conclusion of their own (…説明を受けておりまして、日本の頭越しに決められたものではございません) keeps the speaker's voice.
  if (/^[^。、「」]{0,8}、[^。]{8,}/u.test(p.text.slice(at + m[0].length))) return null;
  const from = Math.max(p.bodyStart, at - 20);
  const other = p.text.lastIndexOf('先方', at);
  if (other >= from && /^先方(?:の|から)/u.test(p.text.slice(other, other + 4))) {
    const side = otherMain(cb, speaker);
    return side && relayable(p) ? { side, cue: evidence(p, other, other + 2, 'attribution:counterpart') } : null;
  }
  // The giver: a side named with の or から just before what was received, or opening the unit's topic with からは (大統領からは、…との書簡をいただいております).
  const before = cuesOf(p).filter((c) => c.end <= at);
  // A quotation of what was said between the giver and the receiving (米側から「…」との説明を受けている) does not count towards the distance.
  const near = (c: ScanHit): boolean => c.start >= from || p.text.slice(c.end, at).replace(/「[^」]*」/gu, '').length <= 20;
  // (The side word may open a longer title: 米国務長官からは, where 米国 is read first.)
  const giver = before.filter((c) => /^[\u4e00-\u9fff\u30a0-\u30ff]{0,5}からは/u.test(p.text.slice(c.end, c.end + 8))).pop() ?? before.filter((c) => near(c) && /^(?:の|から)/u.test(p.text.slice(c.end, c.end + 2))).pop();
  if (giver && giver.entry.owner !== speaker && relayable(p)) return sideEvidence(p, giver);
  return state ? jaCounterpartWords(p, speaker, cb, state) : null;
}

/** After a side's word naming the giver: perhaps the rest of a title (務長官), then から or は (米国務長官からは, 米側から, 国務長官とは). */
const JA_GIVER_AFTER = /^(?:[\u4e00-\u9fff]{1,4}?(?:からは|からも|から、)|からは|から|とは|は、|側から)/u;
/** What follows a thing received when the speaker denies receiving it (…受けたという事実はございません, …受けたことはない). */
const JA_DENIED_FACT = /^[^。「」]{0,4}?(?:という|との)?(?:事実|こと)(?:は|も)/u;
/** A foreign person by name and title (マティス長官, ルース駐日大使, ハガティ氏), or a title alone standing for the counterpart last named (長官は, 同長官からは). */
const JA_OTHER_PERSON = /(?:([ァ-ヴ][ァ-ヴー]+)(?:米|駐日)?|(?<![\u4e00-\u9fff])(?=(?:同)?(?:国務|国防)?長官|(?:同|副)?大統領))(?:同)?(国務長官|国防長官|国務次官補|国防次官補|国務次官|国防次官|長官|副大統領|大統領|大使|報道官|司令官|補佐官|上院議員|下院議員|氏|通商代表)(からは|から、|から|とは|は、|は|も)/gu;
/** Words from the giver: received (説明を…受け), present or absent (要求は一切ございませんでした, との言葉がありました), or said in the honorific a speaker uses for another (述べられ, 表明され). */
const JA_GIVEN = /(?:説明|連絡|回答|確約|保証|約束|書簡|言葉|表明|発言|要求|要請|言及|提案|指摘|打診|申し入れ|話|評価|謝意|支持|反応)(?:を[^。「」]{0,16}?(?:受け|いただ|頂|得)|(?:は|が|も)[^。「」]{0,10}?(?:あり|ござい|なかっ|なく|出|聞かれ|寄せられ))|(?:述べ|語|言わ|明言さ|表明さ|強調さ|示さ|明確にさ|評価さ|約束さ|確認さ|言及さ|指摘さ)られ|(?:明言|表明|強調|言及|指摘|約束|確認|評価|説明)され(?:まし|た|、|て)|おっしゃ/u;
/**
 * Rule 3 in a Japanese speaker's turn or report: the other side's person (a foreign name with a title, or that title again) as the
 * giver of words the speaker received or reports in the honorific (マティス長官は…と述べられました, 長官からは…との言葉がございました,
 * 米側から…要求は一切ございませんでした) relays that side's position.
 */
function jaCounterpartWords(p: Prepared, speaker: string, cb: Codebook, state: DocState): { side: string; cue: Evidence } | null {
  // A speaker's turn (a minister answering in the Diet, at a press conference): a narrative names its holders otherwise.
  if (!p.tag) return null;
  const given = JA_GIVEN.exec(p.text.slice(p.bodyStart));
  if (!given) return null;
  // (A turn that is the speaker's own conclusion still names the counterpart a later 長官からは stands for.)
  const relays = relayable(p);
  const at = p.bodyStart + given.index;
  const cues = cuesOf(p);
  // A side named as the giver (米側から, 米国からは, 国務長官とは).
  // Round 11: the side may open a longer title (米国務長官からも, where 米国 is read first), or name the giver inside what was given (確約を米国から得ております, 反応が米側から寄せられ).
  const givenEnd = at + given[0].length;
  // (Not a denial that it was given: 要求を米側から受けたという事実はございません is the speaker's own word.)
  const denied = JA_DENIED_FACT.test(p.text.slice(givenEnd, givenEnd + 16));
  const side = cues.filter((c) => (c.end <= at || (c.end <= givenEnd && !denied)) && c.entry.owner !== speaker && JA_GIVER_AFTER.test(p.text.slice(c.end, c.end + 8))).pop();
  if (side) {
    state.counterpart = side.entry.owner;
    return relays ? sideEvidence(p, side) : null;
  }
  if (!relays) return null;
  // Only the home side's speaker names the other side's people by a katakana name (Japanese names are in kanji).
  const other = counterpart(cb, speaker);
  if (!other || other === speaker) return null;
  JA_OTHER_PERSON.lastIndex = p.bodyStart;
  for (let m = JA_OTHER_PERSON.exec(p.text); m && m.index < at; m = JA_OTHER_PERSON.exec(p.text)) {
    const end = m.index + m[0].length - (m[3] ?? '').length;
    // A country in katakana (ロシア大統領) is a side's cue, not a person's name.
    if (cues.some((c) => c.start < end && c.end > m!.index && c.entry.owner !== other)) continue;
    const named = m[1] !== undefined;
    const whose = named ? other : state.counterpart;
    if (!whose || whose === speaker) continue;
    state.counterpart = whose;
    return { side: whose, cue: evidence(p, m.index, end, named ? 'attribution:counterpart-name' : 'attribution:counterpart') };
  }
  return null;
}
/** 米 (not 日米, 欧米, 南米, 中米) opening a compound of up to four characters before a holder (米農務長官, 米空軍の報道担当者). */
const JA_QUOTATION = /「[^」]*」/gu;
/** A claim reported and answered: と + a verb of saying, then が、/ばかり, or a new sentence opening with だが/しかし/ならば. */
const JA_COUNTERED = /と(?:説明|主張|強調|言|繰り返|胸を張|答弁|力説)[^。「」]{0,6}?(?:が、|ばかり)|と(?:説明|主張|強調|言|繰り返|胸を張|答弁|力説)[^。「」]{0,6}?。\s*(?:だが|しかし|ならば|とはいえ|それなら)/u;
/** A verb of telling or asking right after its addressee (…に伝えた, …に求めている). */
const JA_TOLD_AFTER = /^[^。「」、]{0,16}?(?:伝え|求め|要請|申し入れ|働きかけ|要求し|抗議し|通告し|打診し|説明し)/u;
const US_PREFIX = /(?<![日欧南中北])米[\u4e00-\u9fff]{0,6}(?:の[\u4e00-\u9fff]{0,4})?$/u;
const prefixCache = new Map<string, string | null>();
/** The side of a cue word (米国 → the United States' side), found once per word. */
function prefixSide(cb: Codebook, word: string): string | null {
  const key = `${cb.name}\u0000${word}`;
  let side = prefixCache.get(key);
  if (side === undefined) {
    side = cb.matcher.scan(word).find((h) => h.entry.kind === 'cue' && h.start === 0 && h.end === word.length)?.entry.owner ?? null;
    prefixCache.set(key, side);
  }
  return side;
}
/** Both sides before a cue (日米両政府, 両国政府). */
const JA_BOTH = /(?:日米|米日)?両$/u;
/** A one-character view noun inside a longer word (声 in 声明, 声援) is not that noun. */
function inCompound(p: Prepared, h: ScanHit): boolean {
  return h.end - h.start === 1 && /[\u3400-\u9fff]/u.test(p.text.charAt(h.end));
}
/** The agent of a passive report (米側からは, 長官からも). */
const JA_AGENT = /から(?:は|も|、)/u;
const JA_QUOTE_FRAME = /[」』](?:と|って|など|なんて|との)/u;
/** A demand (求めた, 迫った, 要求した) is a reported act with a view (rule 4) even where a code's wording contains it. */
const JA_DEMAND = /^(?:求め|迫|要求|要請|促)/u;

function explicitJa(p: Prepared, allowUnsided: boolean, cb: Codebook): Found {
  // Without a holder, only a framed quotation (さらに「…」と警告した) can still report a view.
  // …or a view noun said to prevail (…との声もある).
  if (!JA_HOLDING.some((k) => p.byKind.has(k)) && !(allowUnsided && p.byKind.has('verb') && JA_QUOTE_FRAME.test(p.text))) return p.byKind.has('noun') ? prevailing(p, allowUnsided) : null;
  const frame = hitsOf(p, 'frame').find((h) => usable(p, h));
  // A source frame (政府関係者によると) yields to another side's holder it reports (米側は…と伝えてきている): rule 3.
  const source = frame && JA_SOURCE_END.test(p.text.slice(frame.start, frame.end)) ? frame : undefined;
  if (frame && !source) return sideEvidence(p, frame);
  // A verb inside a code's own wording (文句ひとつ言えない) reports nothing.
  const inCode = (h: ScanHit): boolean => !JA_DEMAND.test(p.text.slice(h.start, h.end)) && hitsOf(p, 'code').some((c) => c.start <= h.start && c.end >= h.end && c.end - c.start > h.end - h.start);
  // A verb under an obligation or a wish (主張すべきだ, 抗議してもらいたい) is the writer's prescription, not a view reported.
  // In a narrative, a verb in the passive (増額を迫られている, 成功したとみられ) has its holder elsewhere, unless an agent is named (米側からは…表明されている).
  const passive = (h: ScanHit): boolean => !p.tag && JA_PASSIVE.test(p.text.slice(h.start + 1, h.end + 3)) && !JA_AGENT.test(p.text);
  // A plan conveyed or shown (方針を知事に伝えた, 方針を示した) is an act of announcing (rule 4), not a view.
  // Answering questions, explaining a topic (質問に答えた, 拡大などについて説明した) with nothing said: an event (rule 4).
  const verbs = hitsOf(p, 'verb').filter((h) => usable(p, h) && !inCode(h) && !JA_PRESCRIPTIVE.test(p.text.slice(h.end, h.end + 10)) && !passive(h) && !JA_PLAN_CONVEYED.test(p.text.slice(Math.max(0, h.start - 14), h.start)) && !(JA_EVENT_OBJECT.test(p.text.slice(Math.max(0, h.start - 8), h.start)) && JA_EVENT_END.test(p.text.slice(h.end, h.end + 8))));
  // A plan announced or decided (方針を打ち出した, 方針を決めた) is an event (rule 4), a plan held (緩めない方針だ) a stance.
  const nouns = hitsOf(p, 'noun').filter((h) => usable(p, h) && !inCode(h) && !JA_PRESCRIPTIVE.test(p.text.slice(h.end, h.end + 10)) && !(JA_EVENT_NOUN.test(p.text.slice(h.start, h.end + 14)) && !(p.text.startsWith('論評', h.start) && JA_CONTENT_BEFORE.test(p.text.slice(Math.max(0, h.start - 3), h.start)))) && !inCompound(p, h));
  const quoteFrame = JA_QUOTE_FRAME.test(p.text.slice(p.bodyStart));
  if (verbs.length === 0 && nouns.length === 0 && !quoteFrame) return null;
  const candidates: Array<{ h: ScanHit; kind: 'cue' | 'home' | 'holder' }> = [];
  for (const h of cuesOf(p)) candidates.push({ h, kind: 'cue' });
  for (const h of hitsOf(p, 'home')) if (usable(p, h)) candidates.push({ h, kind: 'home' });
  for (const h of hitsOf(p, 'holder')) if (usable(p, h)) candidates.push({ h, kind: 'holder' });
  for (const h of hitsOf(p, 'continuation')) if (usable(p, h)) candidates.push({ h, kind: 'holder' });
  candidates.sort((a, b) => a.h.start - b.h.start);
  const cueHits = candidates.filter((c) => c.kind === 'cue').map((c) => c.h);
  if (source) {
    // …only a holder of a view of its own there (米側によると、日本は近く増額を決める reports an act: the source's).
    const reported = candidates.find(({ h, kind }) => kind === 'cue' && h.start >= source.end && h.entry.owner !== source.entry.owner && JA_PARTICLE.test(p.text.slice(h.end, h.end + 14)) && [...verbs, ...nouns].some((v) => v.start > h.end));
    return reported ? sideEvidence(p, reported.h) : sideEvidence(p, source);
  }
  // The holder after what it holds (日本はもっと負担すべきだと米側は主張している, …というのがワシントンの見方だ): its content's topic is no holder.
  const inverted = jaInvertedHolder(p, candidates, verbs, nouns);
  if (inverted) return sideEvidence(p, inverted);
  // A view said to prevail (…との声が広がっている): a side that is the topic of its content (米国は…との声) is what the view is about, not who holds it.
  // Worked out only for a side marked as a topic before a view noun: most units have none.
  let prevails: Found | undefined;
  const prevailsBefore = (at: number): boolean => {
    if (nouns.length === 0 || (!allowUnsided && p.tag === undefined) || !nouns.some((n) => n.start > at)) return false;
    if (prevails === undefined) prevails = prevailing(p, true, nouns);
    return prevails !== null && at < prevails.cue.start;
  };
  for (const { h, kind } of candidates) {
    // 日米両政府, 両国: both governments speak for no one side (rule 5).
    if (kind === 'cue' && h.start > 0 && p.text.charCodeAt(h.start - 1) === 0x4e21 && JA_BOTH.test(p.text.slice(Math.max(0, h.start - 3), h.start))) continue;
    let m = JA_PARTICLE.exec(p.text.slice(h.end, h.end + 14));
    if (m && /(?:^|[^に])(?:は|も|が、)$/u.test(m[0]) && !/(?:には|では|からは|からも|の間で|の間に|の間から|の中に|内に)$/u.test(m[0]) && prevailsBefore(h.start)) continue;
    // A holder marked by が (市民らが抗議の声を上げた) holds the view of a predicate in its own clause.
    if (!m && kind === 'holder' && JA_HOLDER_GA.test(p.text.slice(h.end, h.end + 4)) && [...verbs, ...nouns].some((v) => v.start > h.end && clauseOf(p, v.start) === clauseOf(p, h.start))) m = JA_HOLDER_GA.exec(p.text.slice(h.end, h.end + 4));
    if (!m) continue;
    // Round 11 (rule 1): a side told what it should do (…と政府はもっと自覚すべきだ), with no view of its own said after it, is the writer's advice.
    if (kind === 'cue' && JA_PRESCRIBED_REST.test(p.text.slice(h.end)) && ![...verbs, ...nouns].some((v) => v.start >= h.end)) continue;
    // The one told (米側には伝えております, 米国に強く求めた) is the addressee of the speaker's message, not its holder.
    if (kind === 'cue' && /に(?:は|も)?$/u.test(m[0]) && JA_TOLD_AFTER.test(p.text.slice(h.end + m[0].length, h.end + m[0].length + 24))) continue;
    // A source (関係者によると) passes on another's view: it holds none itself.
    if (JA_SOURCE.test(p.text.slice(h.end, h.end + 8))) continue;
    if (kind === 'holder') {
      // A side named in the holder's own noun phrase gives its side (韓国から招かれた研究者は).
      const owner = cueHits.filter((c) => c.end <= h.start && JA_SAME_PHRASE.test(p.text.slice(c.end, h.start))).pop();
      if (owner) return { side: owner.entry.owner, cue: evidence(p, owner.start, h.end, owner.entry.rule) };
      // 一部の与党議員は: a part of a side's people.
      // (A side word that is itself a kind of people, 識者, names no side here: 一部の識者 are some experts, anywhere.)
      const of = p.text.charCodeAt(h.end) === 0x306e ? cueHits.find((c) => c.start === h.end + 1 && !hitsOf(p, 'holder').some((x) => x.start === c.start)) : undefined;
      if (of) return { side: of.entry.owner, cue: evidence(p, h.start, of.end, of.entry.rule) };
      // 米農務長官は, 米空軍の報道担当者は: 米 opening the holder's compound is the United States.
      const us = p.text.lastIndexOf('米', h.start) >= h.start - 10 && US_PREFIX.test(p.text.slice(Math.max(0, h.start - 10), h.start)) ? prefixSide(cb, '米国') : null;
      if (us) return { side: us, cue: evidence(p, p.text.lastIndexOf('米', h.start), h.end, 'attribution:us-prefix') };
    }
    // A bare name with は (アメリカは…) is often the subject of an embedded clause: it holds a view only before a verb of saying.
    if (kind === 'cue' && m[1] === '' && JA_PLACE.test(p.text.slice(h.start, h.end)) && !verbs.some((v) => v.start > h.end)) continue;
    // A side that owns a thing (日本の核武装は, 日本外交の弱点は) is not its holder; one that owns a person (日本の当局者は) is found through that person.
    if (kind === 'cue' && /^の/u.test(m[1] ?? '') && !JA_PERSONISH.test(m[1] ?? '') && !JA_FEELING_OF.test(m[1] ?? '')) continue;
    const cue = evidence(p, h.start, h.end, h.entry.rule);
    // A country the codebook does not name, written in katakana before an institution (パキスタン政府, ロシア外務省…), is a third party's.
    if (kind === 'cue' && JA_INSTITUTION.test(p.text.slice(h.start, h.end)) && JA_FOREIGN_BEFORE.test(p.text.slice(Math.max(0, h.start - 8), h.start)) && !cueHits.some((c) => c.end === h.start)) {
      const third = thirdParty(cb);
      if (third) return { side: third, cue: evidence(p, Math.max(0, h.start - 8), h.end, h.entry.rule) };
    }
    // Round 11: a side's word owned by another side right before it (韓国の世論, 中国の識者) is that other side's.
    // (Not a word that names its own country: 北京の米国大使館 is America's embassy in Beijing.)
    const ownerCue = kind === 'cue' && h.start >= 2 && p.text.charAt(h.start - 1) === 'の' && !JA_OWN_COUNTRY.test(p.text.slice(h.start, h.end)) ? cueHits.find((c) => c.end === h.start - 1 && c.entry.owner !== h.entry.owner) : undefined;
    if (ownerCue) return { side: ownerCue.entry.owner, cue: evidence(p, ownerCue.start, h.end, ownerCue.entry.rule) };
    if (kind === 'cue') return { side: h.entry.owner, cue };
    if (kind === 'home') return { unsided: true, cue, preferLocal: true };
    // Ordinary people (住民, 学生, 主婦…) are met where the report is filed, not on the side last quoted.
    // Round 11: so are people of a home institution or trade named in kanji (県幹部, 水産庁の幹部, 業界団体の幹部, 漁業関係者の間では).
    const home = kind === 'holder' && jaHomeInstitution(p.text.slice(Math.max(p.bodyStart, h.start - 10), h.end)) ? homeSide(cb) : null;
    if (home && allowUnsided) return { side: home, cue };
    if (allowUnsided) return { unsided: true, cue, preferLocal: kind === 'holder' && JA_VOX.test(p.text.slice(h.start, h.end)) };
  }
  // A quotation with a verb of saying after it: its speaker is the subject before it, or the last one heard.
  const body = p.text.slice(p.bodyStart);
  const q = allowUnsided ? JA_QUOTED.exec(body) : null;
  // …or a subject marked with は and a quotation of some length with any predicate after と (「…」と吐き捨てた, と警鐘を鳴らす): reported speech.
  if (q && (verbs.some((v) => v.start >= p.bodyStart + q[0].length) || (q[0].length - (q[1] ?? '').length >= 10 && (JA_SUBJECT_AT.test(q[1] ?? '') || JA_ASKED_LEAD.test(q[1] ?? '')) && !JA_NOT_SAID.test(body.slice(q[0].length))))) {
    const lead = q[1] ?? '';
    const at = p.bodyStart;
    const cue = evidence(p, at, at + q[0].length, 'attribution:quoted');
    if (JA_CARRY_ON.test(lead) || JA_ASKED_LEAD.test(lead)) return { unsided: true, cue, preferLocal: false };
    // A subject named by its place or body (焼津の漁協の組合長は「…」と) is someone new, met where the report is filed; a bare one (男性は) goes on.
    // Round 11: 米 opening the subject's compound (米通商代表は「…」と) is the United States; a home institution in kanji (財務官は, 防衛局は) is met where the report is filed.
    const us = JA_US_SUBJECT.test(lead) ? prefixSide(cb, '米国') : null;
    if (us) return { side: us, cue };
    const home = jaHomeInstitution(lead) ? homeSide(cb) : null;
    if (home && (JA_SUBJECT.test(lead) || JA_SUBJECT_AT.test(lead))) return { side: home, cue };
    if ((JA_SUBJECT.test(lead) || JA_SUBJECT_AT.test(lead)) && !FIRST_PERSON.test(lead)) return { unsided: true, cue, preferLocal: /^[^「」]{2,}の[^「」]{2,}は/u.test(lead) };
  }
  // "そのうえで、…と訴えた": the same speaker goes on, with no subject of their own.
  if (allowUnsided && JA_CARRY_LEAD.test(body)) {
    // Round 11: or a demand with no quotation (そのうえで、日本に対し、…さらなる取組を求めた).
    const said = verbs.find((v) => v.start > p.bodyStart && (JA_SAID_END.test(p.text.slice(Math.max(0, v.start - 2), v.start)) || JA_DEMAND.test(p.text.slice(v.start, v.end))));
    if (said) return { unsided: true, cue: evidence(p, said.start, said.end, said.entry.rule), preferLocal: false };
  }
  return prevailing(p, allowUnsided, nouns);
}

/** A subject whose compound opens with 米 (not 日米, 欧米, 南米): 米通商代表は, 当時の米国防長官は, 米航空宇宙局（NASA）の長官も. */
const JA_US_SUBJECT = /^(?:[^「」、。]{0,6}?[、\s])?(?:当時の|元|前)?(?<![日欧南中北])米(?![国側])[\u4e00-\u9fff\u30a0-\u30ffA-Z（）()]{1,14}(?:の[\u4e00-\u9fff]{1,6})?(?:は|も)[、\s]*$/u;
/** A home institution, office or trade named in kanji with no foreign marker (県幹部, 水産庁の幹部, 業界団体, 外務次官, 財務官, 防衛局). */
const JA_HOME_INSTITUTION = /(?:県|庁|防衛局|業界|団体|組合|協会|漁協|農協|外務次官|外務審議官|財務官|自治体|漁業|商工会)/u;
const JA_FOREIGN_MARK = /米|中国|韓|豪|英|露|独|仏|[ァ-ヴ]{2,}|[A-Z]{2,}/u;
function jaHomeInstitution(phrase: string): boolean {
  // Only the noun phrase right before the holder: back to the last particle or punctuation.
  const np = phrase.split(/[、。「」はがをにでと]/u).pop() ?? '';
  // (Not 同… : the same person or body as before, 同局長.)
  return JA_HOME_INSTITUTION.test(np) && !JA_FOREIGN_MARK.test(np) && !np.startsWith('同');
}
/** The rest of a sentence after its subject, closing on the writer's prescription (…はもっと自覚すべきだ。). */
const JA_PRESCRIBED_REST = /^[^。「」]{0,40}?(?:べきだ|べきである|べきではないか|なければならない|ねばならない)。?\s*$/u;
/** A side's word that opens with its own country's name (米国大使館, 日本政府, 中国外務省). */
const JA_OWN_COUNTRY = /^(?:米|日本|アメリカ|中国|韓国|豪)/u;
/** What ends a clause of content right before its holder: a quotative と (…すべきだと米側は, 「…」と国務省は). */
const JA_QUOTATIVE_BEFORE = /(?:[だるいたう」]|ない)と、?$/u;
/** A view noun closing the sentence as its predicate (…というのがワシントンの一致した見方だ). */
const JA_VIEW_PREDICATE = /^(?:だ|である|です|となっている)。?\s*$/u;
/**
 * A Japanese holder that follows the content it holds: a side right after a quotative と with its own particle and a verb of
 * saying after it, or a side owning the view noun that closes the sentence (…というのがワシントンの見方だ).
 */
function jaInvertedHolder(p: Prepared, candidates: Array<{ h: ScanHit; kind: string }>, verbs: ScanHit[], nouns: ScanHit[]): ScanHit | null {
  for (const { h, kind } of candidates) {
    if (kind !== 'cue' || h.start <= p.bodyStart) continue;
    const before = p.text.slice(Math.max(p.bodyStart, h.start - 4), h.start);
    if (JA_QUOTATIVE_BEFORE.test(before) && /^(?:側)?(?:は|が|も)/u.test(p.text.slice(h.end, h.end + 2)) && verbs.some((v) => v.start > h.end && clauseOf(p, v.start) === clauseOf(p, h.start))) return h;
    // …というのが X の見方だ: the view noun, owned by the side, is the sentence's predicate.
    const n = nouns.find((n) => n.start > h.end && n.start - h.end <= 10 && /^の[^、。「」]{0,8}$/u.test(p.text.slice(h.end, n.start)) && JA_VIEW_PREDICATE.test(p.text.slice(n.end)));
    if (n && /(?:という|との)の?が/u.test(p.text.slice(p.bodyStart, h.start))) return h;
  }
  return null;
}

/**
 * A view said to prevail with nobody named (…との見方も根強い, …への不満は強い, という不安が広がっている) is held where the
 * report comes from; an interviewer's question may carry one too (…との声もありますが).
 */
function prevailing(p: Prepared, allowUnsided: boolean, nouns: ScanHit[] = hitsOf(p, 'noun')): Found {
  if (!allowUnsided && p.tag === undefined) return null;
  // A view noun after a relative clause (見直しを求める声) counts only where a place before it says where it prevails.
  const prevails = (n: ScanHit): boolean => !inCompound(p, n) && JA_PREVAILS.test(p.text.slice(n.end, n.end + 12)) && !JA_MAY.test(p.text.slice(n.end, n.end + 20));
  const viewOf = (n: ScanHit): boolean => JA_VIEW_OF.test(p.text.slice(Math.max(0, n.start - 4), n.start));
  // Where it prevails may come first, in the view's own clause (米議会で…を求める声が強まっている, 米政府内では…との見方が根強い).
  const placeBefore = (n: ScanHit): ScanHit | undefined => {
    const c = cuesOf(p).filter((c) => c.end <= n.start && c.start >= p.bodyStart && !/[。「」]/u.test(p.text.slice(c.end, n.start)) && /^(?:で|では|でも|内で|内では|内には|内にも|の間で|の間では|の間には|には)(?![^、。]{0,3}(?:対し|関し|ついて))/u.test(p.text.slice(c.end, c.end + 6))).pop();
    return c && clauseOf(p, c.start) === clauseOf(p, n.start) ? c : undefined;
  };
  const n = nouns.find((n) => {
    if (!prevails(n)) return false;
    if (viewOf(n)) return true;
    const relative = JA_RELATIVE_END.test(p.text.slice(Math.max(0, n.start - 2), n.start));
    const c = relative || /(?:で|では|内で|内では|の間で|の間では)$/u.test(p.text.slice(Math.max(0, n.start - 4), n.start)) ? placeBefore(n) : undefined;
    // The place right before the noun (米議会で懸念が高まっている), or before a relative clause (米議会で…を求める声).
    // Round 16: with no place, a verb of a view ending the relative clause (…を懸念する声もある, …を問題視する声がある): the
    // view is held somewhere, unsided, as a view noun after との. Not a demand (…を求める声): with no place it stays unplaced.
    if (c === undefined) return JA_VIEW_VERB_END.test(p.text.slice(Math.max(0, n.start - 6), n.start));
    return relative || /^(?:で|では|内で|内では|の間で|の間では)$/u.test(p.text.slice(c.end, n.start));
  });
  if (!n) return null;
  const before = placeBefore(n);
  if (before) return sideEvidence(p, before);
  // Where it prevails may follow (…との声が、日本の国会でも出ています; …との不満も日本にはあります).
  const where = cuesOf(p).find((c) => c.start >= n.end && c.start - n.end <= 12 && /^(?:の[^、。「」]{0,6}?)?(?:で|では|でも|には|にも|の間で|の間でも|内で|国内で|国内でも)/u.test(p.text.slice(c.end, c.end + 12)));
  if (where) return sideEvidence(p, where);
  return { unsided: true, cue: evidence(p, n.start, n.end, n.entry.rule), preferLocal: true, docFirst: true };
}

function explicit(p: Prepared, relaxed: boolean, cb: Codebook): Found {
  return p.lang === 'ja' ? explicitJa(p, relaxed, cb) : explicitEn(p, relaxed, cb);
}

function isSide(cb: Codebook, s: string | null | undefined): s is string {
  return typeof s === 'string' && cb.sides.includes(s);
}

function localSide(state: DocState, docSide: string | null, cb: Codebook): string | null {
  return state.local ?? (isSide(cb, docSide) ? docSide : null);
}

function unsidedVoice(f: { cue: Evidence; preferLocal: boolean; holderHome?: boolean; docFirst?: boolean; there?: boolean }, state: DocState, docSide: string | null, cb: Codebook): VoiceDecision {
  // Round 11: "…there" points at the place the last sentence naming a side named last.
  const there = f.there && state.topic ? [...hitsOf(state.topic, 'speaker'), ...cuesOf(state.topic)].sort((a, b) => a.start - b.start).pop() : undefined;
  if (there && isSide(cb, there.entry.owner)) return { voice: there.entry.owner, cue: f.cue, how: 'carried' };
  // A view said to prevail at large is held on the document's own side, whatever dateline it was filed under.
  if (f.docFirst && isSide(cb, docSide)) return { voice: docSide, cue: f.cue, how: 'carried' };
  // Worked out only here: "at home" is rare, and finding a subject needs the sentence's words.
  const topic = f.holderHome && state.topic ? subjectSide(state.topic) : null;
  if (isSide(cb, topic)) return { voice: topic, cue: f.cue, how: 'carried' };
  const local = localSide(state, docSide, cb);
  const prev = isSide(cb, state.prevVoice) ? state.prevVoice : isSide(cb, state.paragraphVoice) ? state.paragraphVoice : null;
  const voice = f.preferLocal ? (local ?? state.scene ?? prev) : (prev ?? state.scene ?? local);
  return voice ? { voice, cue: f.cue, how: 'carried' } : { voice: AUTHOR, how: 'default' };
}

/** The side a speaker tag names, or its role. */
function tagRole(p: Prepared, state: DocState, docSide: string | null, cb: Codebook): { role: 'interviewer' | 'interviewee' | 'speaker'; side: string; cue?: Evidence } {
  const tag = p.tag;
  if (!tag) throw new Error('coder: tagRole without a tag');
  const inTag = (h: ScanHit): boolean => h.end <= tag.end;
  const ev = (h: ScanHit): Evidence => evidence(p, h.start, h.end, h.entry.rule);
  const local = localSide(state, docSide, cb) ?? AUTHOR;
  const q = hitsOf(p, 'interviewer').find((h) => inTag(h) && h.start === 0);
  // Round 10b: co-hosts numbered or lettered ("HOST 1:", "HOST B:", "HOST 2 (Tokyo):") talk to each other with views of their own: speakers, not interviewers (rule 2).
  const cohost = p.lang === 'en' && COHOST.test(tag.label);
  if (!cohost && (q || tag.interviewer || hitsOf(p, 'interviewer').some((h) => inTag(h) && tag.label.trim() === p.text.slice(h.start, h.end)))) return { role: 'interviewer', side: AUTHOR };
  const a = hitsOf(p, 'interviewee').find((h) => inTag(h) && tag.label.trim() === p.text.slice(h.start, h.end));
  if (a) return { role: 'interviewee', side: state.guest ?? local, cue: ev(a) };
  // An affiliation in brackets (ロペス議員（民主）, 駒田（元防衛次官、日本）) says more about the side than a title before it.
  const open = p.text.slice(tag.start, tag.end).search(/[（(]/u);
  // A hit may open with the bracket itself ("(民主)").
  const inParens = (h: ScanHit): boolean => open >= 0 && h.start >= tag.start + open && inTag(h);
  const speakers = hitsOf(p, 'speaker');
  // (A translation note in the brackets, （日本語訳）, names no side.)
  const cues = p.lang === 'ja' ? hitsOf(p, 'cue').filter((h) => !languageWord(p, h)) : hitsOf(p, 'cue');
  // The name after a role (元韓国外交官・朴氏) is how later turns tag the same speaker (朴氏：).
  const short = SHORT_NAME.exec(tag.name)?.[1];
  // A name in katakana (マクレーン氏：, ミラー議員 + an ideographic space) is a foreigner's: in a Japanese document from the side Japanese names belong to, the counterpart side speaks.
  // A name met before (豪州の研究所・ハーパー氏 → ハーパー氏：) keeps the side its first tag gave.
  const met = open < 0 ? state.speakerSides.get(tag.name) : undefined;
  // Round 10b (en): a member first tagged with a party in brackets (REP. KANEDA (DPJ):) keeps that side when the bracket is dropped (REP. KANEDA:).
  if (met !== undefined && (p.lang === 'ja' || ENGLISH_TITLE_ONLY.test(tag.name))) return { role: 'speaker', side: met, cue: { start: tag.start, end: tag.end, text: p.original.slice(tag.start, Math.min(p.original.length, tag.end)), rule: 'speaker:tag' } };
  const foreign = p.lang === 'ja' && KATAKANA_NAME.test(tag.name) ? counterpart(cb, localSide(state, docSide, cb)) : null;
  // The longest side word in the tag is the most specific (国防長官 over 長官).
  const sp = speakers.find(inParens) ?? cues.find(inParens) ?? (foreign ? cues.find(inTag) : longest([...speakers.filter(inTag), ...cues.filter(inTag)]));
  // "(former ambassador to Japan)": the country one is posted to is the other side's, not one's own.
  const posted = sp && POSTED_TO.test(p.text.slice(Math.max(tag.start, sp.start - 30), sp.start)) ? otherMain(cb, sp.entry.owner) : null;
  // A bare title (議員, 委員長, 長官) names no country: a hearing reported from Washington has Washington's members (the document's or dateline's side).
  if (sp && p.lang === 'ja' && GENERIC_TITLE_JA.test(p.text.slice(sp.start, sp.end)) && !inParens(sp)) {
    const here = jaIntroducedSide(state, tag.name) ?? localSide(state, docSide, cb);
    if (here && here !== sp.entry.owner) {
      state.speakerSides.set(tag.name, here);
      if (short) state.speakerSides.set(short, here);
      return { role: 'speaker', side: here, cue: ev(sp) };
    }
  }
  // Round 11: a respondent of a group introduced as posted abroad ("spouses stationed in Japan") names the base town, not their side (Respondent (Misawa, 29):).
  if (sp && p.lang === 'en' && state.guestPosted && state.guest !== null && sp.entry.owner !== state.guest && inParens(sp) && POSTED_RESPONDENT.test(tag.name)) return { role: 'speaker', side: state.guest, cue: ev(sp) };
  // Round 11 (en): a bare title in the tag (PRESS SECRETARY:, AMBASSADOR:) names no country: the document's or dateline's side speaks, as for 長官 above.
  if (sp && p.lang === 'en' && !posted && !inParens(sp) && EN_BARE_TITLE_TAG.test(tag.name) && local !== AUTHOR && local !== sp.entry.owner) {
    state.speakerSides.set(tag.name, local);
    return { role: 'speaker', side: local, cue: ev(sp) };
  }
  if (posted && sp) {
    state.speakerSides.set(tag.name, posted);
    if (short) state.speakerSides.set(short, posted);
    return { role: 'speaker', side: posted, cue: ev(sp) };
  }
  if (sp) {
    state.speakerSides.set(tag.name, sp.entry.owner);
    if (short) state.speakerSides.set(short, sp.entry.owner);
    return { role: 'speaker', side: sp.entry.owner, cue: ev(sp) };
  }
  if (foreign) {
    state.speakerSides.set(tag.name, foreign);
    if (short) state.speakerSides.set(short, foreign);
    return { role: 'speaker', side: foreign, cue: { start: tag.start, end: tag.end, text: p.original.slice(tag.start, Math.min(p.original.length, tag.end)), rule: 'speaker:foreign-name' } };
  }
  // The English mirror of a katakana name: a surname in romanised Japanese (ENDO, Dr. Fujimori (Keio University)) speaks for the side Japanese names belong to, unless an earlier turn or introduction gave that name a side.
  if (p.lang === 'en' && !state.speakerSides.has(tag.name)) {
    const home = homeSide(cb);
    const surname = lastWord(tag.name);
    if (home && local !== home && !cohost && (state.guest === null || state.guest === home) && ROMAJI_SURNAME.test(surname) && !TAG_ROLE_WORDS.has(surname.toLowerCase()) && !NOT_NAMES.has(surname.charAt(0) + surname.slice(1).toLowerCase()) && introducedSide(state, surname) === undefined) {
      state.speakerSides.set(tag.name, home);
      if (short) state.speakerSides.set(short, home);
      return { role: 'speaker', side: home, cue: { start: tag.start, end: tag.end, text: p.original.slice(tag.start, Math.min(p.original.length, tag.end)), rule: 'speaker:japanese-name' } };
    }
  }
  // A tag that gives its own affiliation or place (Respondent (Gifu, 27):) is not the speaker an earlier turn of that name was.
  // A survey's respondent with no side in the tag answers for the people the survey asked ("Survey of Japanese security specialists").
  if (state.guest !== null && RESPONDENT.test(tag.name)) return { role: 'speaker', side: state.guest, cue: { start: tag.start, end: tag.end, text: p.original.slice(0, Math.min(p.original.length, tag.end)), rule: 'speaker:respondent' } };
  // Rule 2: a survey answer tagged only by age, sex and occupation ((20代・男性・会社員)) names no place: the answer is the respondent's own (rule 1).
  if (open >= 0 && p.lang === 'ja' && demographicOnly(p.text.slice(tag.start + open + 1, tag.end))) return { role: 'speaker', side: AUTHOR, cue: { start: tag.start, end: tag.end, text: p.original.slice(tag.start, Math.min(p.original.length, tag.end)), rule: NO_PLACE_RULE } };
  const known = open >= 0 ? (localSide(state, docSide, cb) ?? state.speakerSides.get(tag.name)) : (state.speakerSides.get(tag.name) ?? (p.lang === 'ja' ? jaIntroducedSide(state, tag.name) : introducedSide(state, lastWord(tag.name))));
  // Rule 2: a post's tag names the account's place (【@…・那覇】, or a place in the handle: @ryo_naha); without one the post is the writer's own (rule 1).
  const head = p.text.slice(tag.start, tag.end).trimStart();
  if (known === undefined && (head.startsWith('【') || head.startsWith('[@'))) {
    // A place after the dot that no side's list names (Arlington) is somewhere the document's side is, if it has one.
    const place = /[・･·|]/u.test(tag.label) ? local : handlePlace(tag.label, cb);
    state.speakerSides.set(tag.name, place);
    return { role: 'speaker', side: place };
  }
  // Round 10b (en): a turn with no side of its own in an interview whose guest was introduced with a side ("Our guest is Dr. X of the New Delhi Forum") is the guest's.
  // Round 11 (ja): so is a foreign name with no title in an interview whose guest was introduced (…マイケル・ハーディング氏に聞く → ハーディング：).
  const guest = known === undefined && (p.lang === 'en' ? local === AUTHOR : JA_KATAKANA_TAG.test(tag.name)) ? state.guest : null;
  return { role: 'speaker', side: known ?? guest ?? local, cue: { start: tag.start, end: tag.end, text: p.original.slice(0, Math.min(p.original.length, tag.end)), rule: 'speaker:tag' } };
}

/** A tag that is a foreign name in katakana alone (ハーディング, マイケル・ハーディング). */
const JA_KATAKANA_TAG = /^[ァ-ヴ][ァ-ヴー・･]{1,15}$/u;
/** An English tag of a title and a surname only (REP. KANEDA, SEN. MORI, MR. ABE): the title names no side once the name has one. */
const ENGLISH_TITLE_ONLY = /^(?:MR|MS|MRS|DR|SEN|REP|REPRESENTATIVE|SENATOR|MEMBER)\.?\s+[A-Z][A-Z'-]+$/u;
/** A co-host's tag: a host numbered or lettered (HOST 1, HOST B, Co-host 2). */
const COHOST = /^\s*(?:HOST|Host|CO-HOST|Co-host|PRESENTER|Presenter)\s+(?:\d{1,2}|[A-D])\b/u;

/** A surname spelt in Hepburn romanisation and ending in a vowel (ENDO, KUDO, FUJIMORI, TSUJI, ABE): syllables of an optional consonant (or sh, ch, ts, j, a doubled consonant, m before b or p, syllabic n) and a vowel. */
const ROMAJI_SURNAME = /^(?:(?:[kgsztdnhbpmrwyfj]|sh|ch|ts|[kgnhbpmr]y)?[aeiou]|n(?![aeiouy])|m(?=[bp])|([kstp])(?=\1)|t(?=ch))+(?<=[aeiou])$/iu;

/** Roles that a tag may give instead of a name and that happen to spell like romanised Japanese (NOMINEE:, AIDE:, ATTENDEE:): no surname. */
const TAG_ROLE_WORDS = new Set(['nominee', 'aide', 'attendee', 'designee', 'appointee', 'one', 'none']);
/** The evidence rule of a respondent's tag that names no place. */
const NO_PLACE_RULE = 'speaker:no-place';
/** An age in a tag's brackets (20代, 41歳, ３０代前半). */
const JA_AGE = /^(?:[0-9０-９]+|[一二三四五六七八九十]+)(?:代|歳)(?:前半|後半|半ば)?$/u;
/** A sex or an occupation in a tag's brackets (男性, 会社員, 大学院生, 自営業, 看護師, 主婦, 無職, パート): anything else may be a place (呉, うるま, オハイオ). */
// Round 11: a student is 学生, 院生, 高校生…, not any word ending in 生 (福生, 羽生 are towns); nor is 富士 a trade.
const JA_WHO_SEGMENT = /^(?:男性|女性|男|女|無職|パート|アルバイト|フリーター|フリーランス|エンジニア|デザイナー|年金生活|年金暮らし|[^\s]{0,6}(?:員|[学院校]生|業|師|婦|職|(?<!富)士|者|夫))$/u;
/**
 * Whether a respondent tag's bracketed words give an age and who the respondent is, but no place ("20代・男性・大学院生"): rule 2 gives a side only to a tag naming the respondent's place.
 *
 * @example
 * demographicOnly('20代・男性・会社員'); // true
 * demographicOnly('札幌市・30代'); // false
 */
export function demographicOnly(inner: string): boolean {
  const segs = inner.replace(/[）)].*$/u, '').split(/[・、,，\s]+/u).filter((x) => x.length > 0);
  return segs.some((x) => JA_AGE.test(x)) && segs.some((x) => !JA_AGE.test(x)) && segs.every((x) => JA_AGE.test(x) || JA_WHO_SEGMENT.test(x));
}

/** A tag naming someone who answers a survey or an interview, not a named speaker. */
/** An English tag that is a title alone, with no name and no country. */
const EN_BARE_TITLE_TAG = /^(?:THE\s+)?(?:PRESS\s+SECRETARY|SECRETARY|SPOKESPERSON|SPOKESMAN|SPOKESWOMAN|AMBASSADOR)$/u;
const RESPONDENT = /^(?:RESPONDENT|READER|PARTICIPANT|INTERVIEWEE|GUEST)\b/u;
/** A survey's or a newsletter's people introduced as serving or living in the other side's country. */
const GUEST_POSTED = /\b(?:stationed|posted|deployed|serving|based)\s+(?:in|at|on)\b/u;
const POSTED_RESPONDENT = /^(?:Respondent|RESPONDENT|Spouse|SPOUSE|Reader|READER|Participant|PARTICIPANT)\b/u;
const POSTED_TO = /\b(?:[Aa]mbassador|[Ee]nvoy|[Cc]onsul(?: [Gg]eneral)?)\s+to\s+(?:the\s+)?$/u;
const GENERIC_TITLE_JA = /^(?:委員|大臣|長官|参考人|議員|副大臣|政務官)$/u;
/** The longest hit (the earliest among equals), or undefined. */
function longest(hits: ScanHit[]): ScanHit | undefined {
  let best: ScanHit | undefined;
  for (const h of hits) if (!best || h.end - h.start > best.end - best.start) best = h;
  return best;
}

/** The other of the two compared sides (not the third-party side), or null when `side` is not one of them. */
function otherMain(cb: Codebook, side: string): string | null {
  const main = cb.sides.filter((s) => s !== 'other');
  return main.length === 2 && main.includes(side) ? (main.find((s) => s !== side) ?? null) : null;
}

/** A place a post's handle spells in Latin letters (kenji_kobe → Kobe), looked up among the sides' speaker places; `author` when none. */
function handlePlace(handle: string, cb: Codebook): string {
  for (const part of handle.split(/[_.\-\d]+/u)) {
    if (part.length < 3) continue;
    const word = part.charAt(0).toUpperCase() + part.slice(1).toLowerCase();
    const hit = cb.matcher.scan(word).find((h) => h.entry.kind === 'speaker' && h.start === 0 && h.end === word.length);
    if (hit) return hit.entry.owner;
  }
  return AUTHOR;
}

/** A katakana surname with an honorific or title, at the end of a tag's name (元国家安全保障会議アジア部長・マクレーン氏). */
const KATAKANA_NAME = /(?:^|[・･】])[ァ-ヴ][ァ-ヴー]+(?:氏|さん|教授|議員|上院議員|下院議員|大使|長官|報道官|司令官)$/u;
const homeCache = new WeakMap<Codebook, string | null>();
/** The side that 日本 names (whose people have Japanese names), or null. */
function homeSide(cb: Codebook): string | null {
  let home = homeCache.get(cb);
  if (home === undefined) {
    home = cb.matcher.scan('日本').find((h) => h.entry.kind === 'cue' && h.start === 0 && h.end === 2)?.entry.owner ?? null;
    homeCache.set(cb, home);
  }
  return home;
}

/** Whose side a foreign (katakana) name speaks for: the other of the two compared sides when `local` is the side Japanese names belong to (the side of 日本), else `local` itself. */
function counterpart(cb: Codebook, local: string | null): string | null {
  const home = homeSide(cb);
  if (!home || local === null) return null;
  return local === home ? (cb.sides.find((s) => s !== home && s !== 'other') ?? null) : local;
}

/** The last word of a tag's name (DR. FUJIMORI → FUJIMORI). */
function lastWord(name: string): string {
  const w = name.split(/\s+/u);
  return w[w.length - 1] ?? name;
}

/** A person named in running English text: "Masaru Endo", "Dr. Fujimori", "Congressman Pike" (group 1 is the surname). */
const EN_PERSON = /\b(?:(?:Mr|Ms|Mrs|Dr|Professor|Prof|Congressman|Congresswoman|Senator|Ambassador|Minister|Governor)\.?\s+|[A-Z][a-z]+\s+)([A-Z][a-z]{2,})\b/gu;
/** Words that are roles, not surnames ("the Japanese Ambassador"). */
const TITLE_WORD = /^(?:Ambassador|Minister|Secretary|President|Senator|Chairman|Chairwoman|Governor|Professor|Congressman|Congresswoman|Representative|Speaker|Admiral|General|Director|Spokesman|Spokeswoman|Party|Ministry|Department|Forces?|Diet|House|Office|Agency|University|Institute|Forum|Government|Administration|Alliance|Treaty)$/u;
/** What opens a clause on a new holder ("The ministry", "Peace groups marching…", "No one at the ministry"), not one carried on ("Others", "Some of them"). */
const NEW_HOLDER = /^(?:\s*(?:The|the|A|a|An|an|No one at the|Nobody at the|Few in the|Many in the|Some in the)\s+)?(?:[A-Z]?[a-z-]+\s+){0,2}$/u;
/** A verb that goes on with what was just said ("Officials added"): its holder is the one last heard. */
const GOES_ON = /^[a-z]*\s+(?:also\s+)?(?:added|adds|add|continued|went on|echoed|agreed)\b/u;
/** How far (in characters) a side's name may stand from a person to be their side. */
const NAMED_REACH = 60;

/** Keep an English unit that names a side, for a later tag's surname to be looked up in (only when a tag needs it). */
function rememberIntroduction(p: Prepared, state: DocState): void {
  if (p.byKind.has('cue') && state.introductions.length < MAX_INTRODUCTIONS) state.introductions.push(p);
}

/** A Japanese tag's title introduced earlier with a side right before it (来日中の米国務省高官に… → 高官：, 米下院議員 → 議員：). */
function jaIntroducedSide(state: DocState, title: string): string | undefined {
  for (const p of state.introductions) {
    if (p.lang !== 'ja') continue;
    // A reporter's question introduces the one it addresses (米国務省高官に伺います), not a third party it speaks of (米国防長官が…求めていますが).
    const asked = p.tag !== undefined && (p.tag.interviewer === true || hitsOf(p, 'interviewer').some((h) => h.start === 0));
    for (let i = p.text.indexOf(title); i >= 0; i = p.text.indexOf(title, i + 1)) {
      if (asked && !JA_ADDRESSED.test(p.text.slice(i + title.length, i + title.length + 2))) continue;
      const cues = cuesOf(p);
      // A side's cue that holds the title itself (駐日米大使 → 大使) names its side.
      const whole = cues.find((c) => c.start < i && c.end >= i + title.length);
      if (whole) return whole.entry.owner;
      const c = cues.filter((c) => c.end <= i && i - c.end <= 4 && !/[、。「」はがをにでと]/u.test(p.text.slice(c.end, i))).pop();
      // A country right before an institution (中国外務省の報道官) is whose institution it is.
      if (c) return (cues.find((o) => o.end === c.start) ?? c).entry.owner;
    }
  }
  return undefined;
}
/** After a title in a question: the one asked (高官に, 長官へ, 大使、…). */
const JA_ADDRESSED = /^(?:に|へ|、|さん|殿|閣下)/u;
const MAX_INTRODUCTIONS = 200;

/** After a name addressed at a turn's start: a comma, then not an apposition ("Dr. Hanamura, Americans keep…" but not "Dr. Hanamura, a former…"). */
const VOCATIVE_REST = /^,\s+(?!(?:a|an|the|former|who|whose|now|once|then|senior|chief|head|director|professor|deputy|vice)\b)/u;
/** A signature closing a unit: a dash, a name of two to four words, perhaps an age, a comma and a place. */
const EN_SIGNATURE = /[—–]\s*(?:[A-Z][\w.'-]+\s+){1,3}[A-Z][\w'-]+,\s+(?:\d{1,3},\s+)?[A-Z][\w .,'-]{1,40}?\.?\s*$/u;

/** The side of the place in a unit's closing signature, if a side's place or name is there. */
function signatureSide(p: Prepared): VoiceDecision | null {
  const m = EN_SIGNATURE.exec(p.text);
  if (!m) return null;
  const comma = m.index + m[0].indexOf(',');
  const h = [...hitsOf(p, 'speaker'), ...cuesOf(p)].find((x) => x.start > comma);
  return h ? { voice: h.entry.owner, cue: evidence(p, m.index, p.text.length, 'speaker:signature'), how: 'speaker' } : null;
}

/** A person's surname (with a title or apposition) opening the sentence right before its verb of saying ("Mr. Nye said", "Takasugi, the former minister, added"). */
const EN_NAMED_SUBJECT = /^\s*(?:(?:But|And|Yet|Still|Later|Then|Now),?\s+)?(?:(?:Mr|Ms|Mrs|Dr|Prof)\.?\s+|(?:Professor|Senator|Ambassador|Governor|General|Admiral|Secretary|Minister)\s+)?([A-Z][a-z]{2,})(?:,\s[^,]{1,60},)?\s+(?:(?:also|later|then|had|has|have|would|will|once)\s+)?(?:\w+ly\s+)?$/u;

/** The side of a person the document introduced earlier, named as the subject of this unit's first verb of saying. */
function namedSpeaker(p: Prepared, state: DocState): VoiceDecision | null {
  const v = hitsOf(p, 'verb').find((h) => usable(p, h) && h.start > p.bodyStart);
  if (!v || v.start - p.bodyStart > 90) return null;
  const m = EN_NAMED_SUBJECT.exec(p.text.slice(p.bodyStart, v.start));
  const surname = m?.[1];
  if (!surname || TITLE_WORD.test(surname)) return null;
  const side = introducedSide(state, surname.toUpperCase());
  if (!side) return null;
  const at = p.bodyStart + (m.index ?? 0) + m[0].indexOf(surname);
  return { voice: side, cue: evidence(p, at, at + surname.length, NAMED_RULE), how: 'carried' };
}

/** The side next to the person a tag names, where an earlier unit introduced them (a guest, a witness): nearest cue first, one after the name a little farther. */
function introducedSide(state: DocState, surname: string): string | undefined {
  if (!/^[A-Z]{3,}$/u.test(surname) || TITLE_WORD.test(surname.charAt(0) + surname.slice(1).toLowerCase())) return undefined;
  const cached = state.named.get(surname);
  if (cached !== undefined) return cached ?? undefined;
  let side: string | null = null;
  const word = surname.charAt(0) + surname.slice(1).toLowerCase();
  for (const p of state.introductions) {
    if (!p.text.includes(word)) continue;
    const cues = cuesOf(p);
    for (const m of p.text.matchAll(EN_PERSON)) {
      if (m[1] !== word || m.index < p.bodyStart) continue;
      const at = m.index + m[0].length - word.length;
      const end = m.index + m[0].length;
      let best: { side: string; d: number } | null = null;
      // "Dr. Hanamura, Americans keep hearing…": a name addressed at the start of a turn is not described by what follows it.
      const vocative = m.index - p.bodyStart <= 2 && VOCATIVE_REST.test(p.text.slice(end, end + 12));
      for (const c of cues) {
        if ((c.start >= at && c.end <= end) || c.start < p.bodyStart || (vocative && c.start >= end)) continue;
        const d = c.end <= at ? at - c.end : c.start >= end ? c.start - end + 3 : Number.POSITIVE_INFINITY;
        if (d <= NAMED_REACH && (!best || d < best.d)) best = { side: c.entry.owner, d };
      }
      if (best) side = best.side;
      break;
    }
    if (side) break;
  }
  state.named.set(surname, side);
  return side ?? undefined;
}

/** The last part of a tag that names a role and then the person (元海兵隊員・ギブソンさん → ギブソンさん). */
const SHORT_NAME = /[・･]([^・･]{1,12})$/u;

/** "officials in Tokyo", "the Japanese participants": a side's cue attached to a holder names that side's people. */
/** An aside set off by dashes. */
const DASH_ASIDE = /—[^—]{1,160}—/u;
/** A short aside between commas just before a verb (", for its part,", ", in our call yesterday,"). */
const COMMA_ASIDE = /,(?:\s+[\w'-]+){1,5},\s+(?:(?:has|have|had)\s+)?(?:\w+ly\s+)?$/u;
/** Earlier verbs that only open a report: according to, the first person's hearing or telling, a poll's finding. */
const OPEN_FRAME = /(?:^|\s)(?:[Aa]ccording to|(?:I|we|I've|we've)\s+(?:\w+\s+){0,2}\w+)$/u;
const FINDING = /^(?:found|finds|find|shows|showed)\b/u;
const THAT_CLAUSE = /\bthat\s+(?:the\s+)?$/u;
/** A verb of saying right before a clause's subject, with no "that" ("said Washington had asked…"). */
const SAID_BARE = /^(?:said|says|say|told reporters|noted|added|insisted|stressed|explained)\s+(?:the\s+)?$/u;
/** A group of people (officials, participants, people): a single person named in an event sets no scene. */
const GROUP = /(?:s|people|public|media)$/u;
const HOLDER_OF = /^\s+(?:in|from|of|at|on|among|within|inside)\s+(?:the\s+)?$/u;
function sceneOf(p: Prepared): string | null {
  const own = ownPlace(p);
  if (own) return own;
  if (p.lang !== 'en' || !p.byKind.has('holder')) return null;
  let side: string | null = null;
  for (const h of hitsOf(p, 'holder')) {
    if (!GROUP.test(p.text.slice(h.start, h.end))) continue;
    for (const c of cuesOf(p)) {
      const before = c.end <= h.start && words(p, c.end - 1, h.start) <= 2 && !/[,.;:]/u.test(p.text.slice(c.end, h.start));
      const after = c.start >= h.end && HOLDER_OF.test(p.text.slice(h.end, c.start));
      if (before || after) side = c.entry.owner;
    }
  }
  return side;
}

/** The writer placing themselves where they live or work ("I have taught in Ohio for ten years", 私は米国の大学で教えてきた). */
const EN_OWN_PLACE = /\b(?:(?:I|we)\s+(?:have\s+|had\s+|still\s+)?(?:taught|teach|work|worked|live|lived|am based|have been based|was based)|(?:I'm|I am|I was|I've been|we're|we are)\s+(?:an?\s+(?:[\w-]+\s+){1,2})?(?:teaching|working|living|studying|based|stationed|posted))\b[^.;]{0,40}?\b(?:in|at)\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,3}$/u;
const JA_OWN_PLACE = /^(?:の[^。、「」]{0,10}?)?(?:で|に)[^。「」]{0,12}?(?:教え|勤め|働い|働き|住ん|暮らし|赴任|駐在)/u;
const JA_WRITER = /私は|僕は|筆者は/u;
/** Where the writer lives or works is the side whose people "my colleagues", "議会" later are (rule 1 keeps the writer's own words `author`). */
function ownPlace(p: Prepared): string | null {
  if (!p.byKind.has('cue')) return null;
  if (p.lang === 'ja') {
    const w = JA_WRITER.exec(p.text);
    if (!w) return null;
    const c = cuesOf(p).find((c) => c.start > w.index && JA_OWN_PLACE.test(p.text.slice(c.end, c.end + 30)));
    return c ? c.entry.owner : null;
  }
  if (!/\b(?:I|we)\b/u.test(p.text)) return null;
  const c = cuesOf(p).find((c) => EN_OWN_PLACE.test(p.text.slice(Math.max(0, c.start - 90), c.start)));
  return c ? c.entry.owner : null;
}

/** Rule 3 in a narrative: "He noted that the Secretary of State had flown to Tokyo to repeat that…" relays the Secretary's side. */
function relayedInComplement(p: Prepared, strict = false): { side: string; cue: Evidence } | null {
  // Two verbs of saying at least (the speaker's and the relayed side's) before the costlier test of the whole unit.
  if (p.lang !== 'en' || hitsOf(p, 'verb').length < 2) return null;
  const verbs = hitsOf(p, 'verb').filter((h) => usable(p, h));
  if (verbs.length < 2 || !relayable(p)) return null;
  for (const c of cuesOf(p)) {
    // "said that Washington…", or "said Washington…" with the complementiser left out.
    const said = THAT_CLAUSE.test(p.text.slice(Math.max(0, c.start - 10), c.start)) ? verbs.some((v) => v.end <= c.start) : verbs.some((v) => v.end <= c.start && SAID_BARE.test(p.text.slice(v.start, c.start)));
    if (!said) continue;
    // Round 12 (rule 3): a fear or doubt about what the other side will do or thinks ("Some business leaders worry that Washington will tie…", "worries in government circles that Washington now sees China…") is the holder's own view, not a relay.
    const prior = verbs.filter((v) => v.end <= c.start).pop();
    if (prior && FEARED_THAT.test(p.text.slice(prior.start, c.start))) continue;
    // The reported side's own verb of saying, in the same stretch of the clause (no comma: ", pointing out" is the speaker's again).
    // (Not a relative clause's verb: "Japanese politicians who talk of…" are spoken about, not relaying.)
    const v = verbs.find((v) => v.start >= c.end && clauseOf(p, v.start) === clauseOf(p, c.start) && words(p, c.end - 1, v.start) <= 10 && !p.text.slice(c.end, v.start).includes(',') && !/\b(?:who|whom|which)\b/u.test(p.text.slice(c.end, v.start)));
    if (!v) continue;
    // Over a speaker who names a side of their own, only the other side as the subject of its own active verb relays ("the White House had assured…"), not "American friendship…" or "Japan had been briefed".
    if (strict && !(RELAY_GAP.test(p.text.slice(c.end, v.start)) && !/^'s\b/u.test(p.text.slice(c.end, c.end + 3)))) continue;
    return sideEvidence(p, c);
  }
  return null;
}
/** A singular pronoun subject: the guest of interview notes. */
const GUEST_PRONOUN = /^(?:he|she|He|She)$/u;
/** A verb of fearing or doubting and its complementiser right before the side it fears about ("worry that", "doubts whether the"). */
const FEARED_THAT = /^(?:fear|worr|suspect|doubt|wonder)[a-z]*\s+(?:\w+ly\s+|aloud\s+)?(?:that|whether|if)\s+(?:the\s+)?$/u;
/** A verb (not its noun, "suggestion") opening a that-clause which runs, within its clause, to a later point. */
const REMARKED_THAT = /^[a-z]+(?<!ion|ions|ment|ments)\s+(?:[a-z]+\s+)?that\s[^:;]*$/u;
/** After a side: people a relative clause describes, then the writer's advice or verdict on them as the main predicate. */
const RELATIVE_VERDICT = /^(?:\s+[a-z-]+){0,2}?\s+who\s(?:(?!that\s+(?:the|a|an|they|it|he|she|we|its|their|allies|[A-Z]))[^,;:"]){3,90}?\s(?:should|must|ought to|need to|would do well to|would be wise to|(?:are|were),?\s+(?:\w+ly,?\s+)?(?:wrong|mistaken|misreading|reading the wrong|missing the point|missing|forgetting|fooling|kidding))\b/u;
/** Is the side `c` names the subject of such a verdict ("Americans who … should read…")? */
function relativeVerdict(p: Prepared, c: ScanHit): boolean {
  return p.text.includes(' who ') && RELATIVE_VERDICT.test(p.text.slice(c.end, c.end + 160));
}
/** Between a subject and its own active verb: auxiliaries and adverbs only. */
const RELAY_GAP = /^\s+(?:(?:has|have|had|would|will|could|might|did|does|do|also|already|repeatedly|privately|publicly|informally|formally|firmly|once|again|now)\s+)*$/u;

/**
 * Decide the voice of one prepared sentence, updating the document state.
 *
 * @example
 * const state = newDocState(); decideVoice(prepare('MS. ODELL (Department of State): No.', cb), state, 'washington', cb).voice; // 'washington'
 */
export function decideVoice(p: Prepared, state: DocState, docSide: string | null, cb: Codebook): VoiceDecision {
  const d = speechTurn(p, state, docSide, cb) ?? voiceOf(p, state, docSide, cb);
  if (d.voice === AUTHOR) state.scene = sceneOf(p) ?? state.scene;
  rememberIntroduction(p, state);
  // A guest or a survey's people are introduced at a document's head: only its first units are looked at.
  if (state.guest === null && state.units < GUEST_UNITS) {
    state.guest = p.lang === 'en' ? guestSide(p, cb) : jaGuestSide(p, cb);
    if (state.guest !== null && p.lang === 'en') state.guestPosted = !p.tag && GUEST_POSTED.test(p.text);
  }
  state.units++;
  if (p.lang === 'en' && p.byKind.has('cue')) state.topic = p;
  return d;
}

/** An interview introducing its guest ("My guest is…", "I'm joined by…", "Joining us from Tokyo is…"): the name and affiliation follow. */
const GUEST_INTRO = /\b(?:[Ii]nterview,\s(?:[^.]|(?<=[A-Z])\.){0,100}?\bwith|[Nn]otes(?:\s+from)?:?\s+(?:(?:a|an|the|my)\s+)?(?:background\s+|brief\s+|long\s+|recorded\s+)?(?:conversation|interview|lunch|dinner|breakfast|call|phone call|meeting|talk|chat)s?\s+with|[Mm]y guest(?: today| this week)?(?: is)?|[Oo]ur guest(?: today| this week)?(?: is)?|(?:I'm|I am|we're|we are) joined(?: today| now)? by|[Jj]oining (?:me|us)(?: today| now)?(?: from [A-Z][a-z]+)? is|[Ww]ith (?:me|us)(?: today| now) is|[Ii]nterview notes:|[Ii]nterview with|Q&A with|[Pp]ress conference of|[Ii]n conversation with|(?:I|[Ww]e) (?:spoke|talked)(?: by phone| at length)? with|(?:I|[Ww]e) sat down(?: in [A-Z][a-z]+)? with|[Ww]e asked(?= [A-Z][a-z]+ [A-Z][a-z-]+,)|^\s*(?:[A-Z][a-z]+\s+)?(?:[Ss]urvey|[Pp]oll|[Qq]uestionnaire)\s+(?:of|among)\s+(?:\d[\d,]*\s+)?)\s*/u;
/** The interviewer after the guest ("spoken to … by a visiting U.S. journalist"). */
const ASKED_BY = /\bby\s+(?:a|an|the|our|one)\s+(?:[\w-]+\s+){0,2}$/u;
/** A post abroad before a side's cue ("who served in the Tokyo embassy", "stationed in Japan"). */
const SERVED_IN = /\b(?:served|posted|stationed|worked)\s+(?:\w+ly\s+)?(?:in|at)\s+(?:the\s+)?$/u;
/** How many units at a document's head may introduce its guest (an intro, then the first question or two). */
const GUEST_UNITS = 4;
/** Words one of the introductions needs (no flags: the engine scans for the literals). */
const GUEST_GATE = /uest|otes|Q&A|sat down|e asked|oined|oining|onference of|ith me|ith us|nterview|onversation|spoke with|talked with|urvey|Poll|poll|uestionnaire|poke to|alked to|at down with/;
/** The guest as the subject of their talking to the paper ("The former U.S. ambassador … spoke to this newspaper"): the side is named before. */
const GUEST_SPOKE = /\b(?:spoke|talked) to (?:this|our|the) (?:newspaper|paper|magazine|program|programme|site|reporter|writer)\b|\b(?:spoke|talked) to us\b|\bsat down with (?:this|our) (?:newspaper|paper|magazine|reporter|writer)\b/u;
/** An intro opening on a person: a title or a role (lower case), then a given name and a surname. */
const GUEST_NAMED = /^\s*(?:(?:The|Former|Retired)\s+)?(?:(?:[a-z-]+|Ambassador|Professor|Prof\.|Dr\.|General|Admiral|Minister|Governor|Mayor)\s+){0,3}([A-Z][a-z]+)\s+([A-Z][a-z]+)\s+(?:has|had|is|was|served|spent|spoke|wrote|writes|teaches|taught|worked|works|led|leads|heads|headed|lives|lived|grew|ran|runs|retired)\b/u;
/** An interviewer addressing the guest by title and surname ("Professor Sakamoto, if…"). */
const GUEST_VOCATIVE = /^\s*(?:Mr|Ms|Mrs|Dr|Professor|Prof|Ambassador|Minister|Senator|General|Admiral|Governor)\.?\s+([A-Z][a-z]+),/u;
/**
 * The side of an interview's guest, from the unit that introduces them: a side named within the introduction (a place, a
 * paper, a nationality), else a surname in romanised Japanese (the side Japanese names belong to).
 */
function guestSide(p: Prepared, cb: Codebook): string | null {
  // An interview's intro naming its guest by a romanised Japanese name ("Former Ambassador Kenji Morishita served…", "The novelist Haruto Sekine has…").
  if (!p.tag) {
    const named = GUEST_NAMED.exec(p.text.slice(p.bodyStart));
    const home = homeSide(cb);
    if (named && home && ROMAJI_SURNAME.test(named[1] as string) && ROMAJI_SURNAME.test(named[2] as string) && !NOT_NAMES.has(named[1] as string) && !NOT_NAMES.has(named[2] as string)) return home;
  }
  // Most units introduce nobody: a literal gate spares them the patterns.
  if (p.tag ? !p.tag.interviewer && !/^\s*(?:Q|Question|Interviewer|Moderator|Host|HOST)\b/u.test(p.tag.label) : !GUEST_GATE.test(p.text)) return null;
  const body = p.text.slice(p.bodyStart);
  // An interviewer's tag may open the introduction itself ("HOST: My guest today covered…").
  const intro = GUEST_INTRO.exec(body);
  if (intro) {
    const from = p.bodyStart + intro.index + intro[0].length;
    // Round 11: the paper's own people ("Q&A with our Washington correspondent") speak from the document's side, wherever they are posted.
    if (/^(?:our|this (?:paper|newspaper)'s)\s/iu.test(p.text.slice(from))) return null;
    // The topic after the guest ("…, on the Japanese debate", "to talk about Japan") is not where the guest is from.
    const topic = /(?:,\s+|\s+to\s+(?:talk|speak)\s+)(?:on|about|to discuss)\s|\s+about\s/u.exec(p.text.slice(from));
    const until = from + Math.min(90, topic ? topic.index : 90);
    // Round 11: a guest named first by a romanised Japanese name ("We talked with Masaru Ogata, a retired ambassador who spent his career on Australia…") is Japanese, whatever portfolio follows.
    const first = /^(?:(?:Dr|Mr|Ms|Mrs|Professor|Prof)\.?\s+)?([A-Z][a-z]+)\s+([A-Z][a-z]+),/u.exec(p.text.slice(from));
    const homeFirst = homeSide(cb);
    if (first && homeFirst && ROMAJI_SURNAME.test(first[1] as string) && ROMAJI_SURNAME.test(first[2] as string) && !NOT_NAMES.has(first[1] as string) && !NOT_NAMES.has(first[2] as string)) return homeFirst;
    // Round 12: not who did the asking ("…, spoken to in 2022 by a visiting U.S. journalist").
    const c = cuesOf(p).find((c) => c.start >= from - 12 && c.start < until && !ASKED_BY.test(p.text.slice(Math.max(0, c.start - 30), c.start)));
    // Round 10b: a guest who "served in the Tokyo embassy" or was "ambassador to Japan" is the other side's.
    if (c && (SERVED_IN.test(p.text.slice(Math.max(0, c.start - 40), c.start)) || POSTED_TO.test(p.text.slice(Math.max(0, c.start - 30), c.start)))) return otherMain(cb, c.entry.owner);
    if (c) return c.entry.owner;
    // Both names in romanised Japanese (Naoko Hirata), so that an English name of that shape (Laura Pike) is not taken for one.
    const name = /^(?:(?:Dr|Mr|Ms|Mrs|Professor|Prof)\.?\s+)?([A-Z][a-z]+)\s+([A-Z][a-z]+)\b/u.exec(p.text.slice(from));
    const home = homeSide(cb);
    return name && home && ROMAJI_SURNAME.test(name[1] as string) && ROMAJI_SURNAME.test(name[2] as string) ? home : null;
  }
  if (!p.tag) {
    const spoke = GUEST_SPOKE.exec(body);
    const c = spoke ? cuesOf(p).find((c) => c.start >= p.bodyStart && c.end <= p.bodyStart + spoke.index) : undefined;
    return c ? c.entry.owner : null;
  }
  const v = GUEST_VOCATIVE.exec(body);
  const home = homeSide(cb);
  return v && home && ROMAJI_SURNAME.test(v[1] as string) ? home : null;
}

/** A Japanese interview's heading (【インタビュー】米シンクタンク上級研究員…, 駐日米国大使に聞く): the guest it names follows. */
const JA_INTERVIEW = /【[^】]{0,8}(?:インタビュー|対談|聞く)[^】]{0,8}】|に聞く\s*$|^\s*(?:インタビュー|対談)[：:]/u;
/** The one a paper asked, at the end of a noun phrase (…氏（仮名）に、…について聞いた, …氏への聞き取り, 米国の専門家に受け止めを聞いた). */
const JA_GUEST_ASKED = /(?:氏|さん|教授|大使|長官|議員|次官補|次官|研究員|研究者|専門家|識者|司令官|部長|知事|代表|高官|外交官)(?:[（(][^）)]{0,8}[）)])?(?:に(?=、?[^。「」]{0,40}?(?:聞いた|聞く|尋ねた))|への(?:聞き取り|インタビュー))/u;
/** A side's name as the object of a post or a field (日本部長, 日本担当, 日本研究者, 対日): what the guest works on, not where they are from. */
const JA_FIELD_AFTER = /^(?:部長|担当|課長|部|課|研究|専門|政策|通)/u;
/** A bare name in an apposition (…研究員、マーク・ヘンスリー氏): the side is in the phrase before its comma. */
const JA_BARE_NAME = /^[^の、。]{1,16}(?:氏|さん|教授)(?:[（(][^）)]{0,8}[）)])?$/u;
/**
 * The side of the guest an intro names before に or への (rule 2 for the answers that follow): the last side word in the guest's noun
 * phrase, not one the guest works on (日本部長); 米 opening the phrase (米シンクタンクの…) is the United States; someone posted to a
 * side's capital (駐日米国大使, 元駐米大使) is the other side's.
 */
function jaAskedSide(p: Prepared, cb: Codebook, end: number): string | null {
  const sentenceStart = p.text.lastIndexOf('。', end) + 1;
  const segs = p.text.slice(sentenceStart, end).split('、');
  let from = end - (segs.pop() ?? '').length;
  for (let last = p.text.slice(from, end).replace(/(?:に|への.*)$/u, ''); JA_BARE_NAME.test(last) && segs.length > 0; ) {
    const prev = segs.pop() ?? '';
    from -= prev.length + 1;
    last = prev;
  }
  from = Math.max(from, p.bodyStart);
  const c = cuesOf(p).filter((c) => c.start >= from && c.end <= end && !JA_FIELD_AFTER.test(p.text.slice(c.end, c.end + 2)) && p.text.charAt(c.start - 1) !== '対').pop();
  if (c) return p.text.charAt(c.start - 1) === '駐' ? otherMain(cb, c.entry.owner) : c.entry.owner;
  const us = /^(?:元|前)?米(?![国側])[\u4e00-\u9fff\u30a0-\u30ff]/u.test(p.text.slice(from, end)) ? prefixSide(cb, '米国') : null;
  return us;
}
/**
 * The side of the guest a Japanese interview's heading names: the last side word in it; someone posted to a side's
 * capital (元駐米大使) is the other side's.
 */
function jaGuestSide(p: Prepared, cb: Codebook): string | null {
  // Round 11: an intro naming whom the paper asked (米国の元国防次官補、…氏（仮名）に、…について聞いた; …氏への聞き取りの要旨): the guest is the phrase before に.
  const asked = p.text.includes('聞') ? JA_GUEST_ASKED.exec(p.text) : null;
  if (asked) return jaAskedSide(p, cb, asked.index + asked[0].length);
  if (!p.text.includes('【') && !p.text.includes('聞く') && !p.text.includes('インタビュー')) return null;
  if (!JA_INTERVIEW.test(p.text)) return null;
  // The person comes last in a Japanese noun phrase (元在日米軍司令部の日本人通訳): the last side word is the guest's.
  // (Not a side the guest works on: 元米国務省日本部長, 対日政策.)
  const cues = cuesOf(p).filter((c) => !JA_FIELD_AFTER.test(p.text.slice(c.end, c.end + 2)) && p.text.charAt(c.start - 1) !== '対');
  const c = cues[cues.length - 1] ?? hitsOf(p, 'speaker')[0];
  if (!c) return null;
  return p.text.charAt(c.start - 1) === '駐' ? otherMain(cb, c.entry.owner) : c.entry.owner;
}

/** "Excerpts from his speech follow", 要旨は次の通り: the units after it are the speaker's own words. */
const EN_SPEECH_TEXT = /\b(?:excerpts?|highlights|text|transcript)\b[^.]{0,60}?\b(?:follows?|below)\b|\bexcerpts? (?:of|from)\b|^\s*(?:(?:Prepared\s+)?(?:Remarks|Address|Speech|Statement|Testimony)\s+(?:by|of)\s)|^\s*From\s+(?:the|a|an|his|her)\s+(?:prepared\s+|written\s+|opening\s+)?(?:remarks|address|speech|statement|testimony)\s+(?:of|by)\s|^\s*(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*'s\s+(?:prepared\s+)?(?:address|speech|remarks|statement|testimony)\s+(?:at|to|before|in)\s/iu;
/** "in a speech to the Diet", "addressed Congress": a speech named, whose first-person units that follow are the speaker's. */
const EN_SPEECH = /\b(?:in|during) (?:a|an|his|her|their|the) (?:[\w-]+ )?(?:speech|address|remarks|lecture|keynote)\b|\b(?:addressed|spoke (?:to|at|before)|delivered (?:a|an|his|her) (?:[\w-]+ )?(?:speech|address))\b/iu;
// Round 11: or a speech's heading with a translation note closing the unit (米大統領の対日政策演説（ホワイトハウス発表・仮訳）).
const JA_SPEECH_TEXT = /(?:要旨|骨子|全文|主な内容|主なやりとり|抜粋)(?:は|を)?(?:次の|以下の)(?:通り|とおり)|(?:演説|談話|会見|スピーチ|発言|あいさつ|挨拶)の?(?:要旨|全文|抜粋)|(?:演説|講演|談話|スピーチ)[（(][^）)「」]{0,30}訳[^）)「」]{0,10}[）)]\s*$/u;
const JA_SPEECH = /(?:演説|所信表明|施政方針|スピーチ|講演|談話|あいさつ|挨拶)(?:で|の中で|では|を行)/u;
/** A speech's salutation to its audience at the head of a unit. */
const EN_ADDRESS = /^\s*(?:Members of (?:the )?(?:Congress|Diet|Parliament|the Diet)|Mr\.? (?:Speaker|President|Chairman)|Madam (?:Speaker|President|Chair)|Ladies and gentlemen|My fellow [A-Z]\w+|Distinguished (?:guests|members|delegates))\b/u;
const JA_ADDRESS = /^\s*(?:国民の皆様|国民の皆さん|議員の皆様|議員の皆さん|ご列席の皆様)/u;
/** Words one of the speech patterns needs (no flags, so the engine scans for the literals fast). */
/** Words one of the speech patterns needs, per language (no flags, so the engine scans for the literals fast; measured faster than a loop of includes). */
const SPEECH_GATE_EN = /x(?:cerpt)|ighlight|[Tt]ext|ranscript|p(?:eech|oke)|d(?:dress|elivered)|e(?:marks|cture|ynote|stimony)|tatement/;
const SPEECH_GATE_JA = /要旨|骨子|全文|主な|抜粋|演説|所信|施政|スピーチ|講演|談話|あいさつ|挨拶/;
/** The speaker's own words: the first person (a nation's too: わが国, "our country"). */
const SPEECH_FIRST_PERSON = /\b(?:I|I'm|I've|[Mm]y|[Ww]e|[Oo]ur|[Uu]s)\b|私|わたくし|我が国|わが国|我々|われわれ|僕/u;

/** The side of a sentence's subject: a side's cue among its first words ("The prime minister returned…"). */
function subjectSide(p: Prepared): string | null {
  if (!p.byKind.has('cue')) return null;
  const start = effectiveStart(p);
  const c = cuesOf(p).find((c) => c.start >= start && wordIndex(p, c.start) - wordIndex(p, start) <= 3);
  return c ? c.entry.owner : null;
}

/**
 * A document giving a speech (an intro naming the speaker, then the speech): a unit of the speech
 * takes the speaker's side (rule 2 without tags), unless it only relays another side's position.
 */
function speechTurn(p: Prepared, state: DocState, docSide: string | null, cb: Codebook): VoiceDecision | null {
  if (p.tag) {
    // Speaker tags make the document a transcript: they say who speaks from here on.
    state.speech = null;
    return null;
  }
  const body = p.text.slice(p.bodyStart);
  // A speech that opens by addressing its audience ("Members of the Congress, … I stand here…", 国民の皆様) is the speaker's, on the document's side.
  const address = (p.lang === 'ja' ? JA_ADDRESS : EN_ADDRESS).exec(body);
  if (address && SPEECH_FIRST_PERSON.test(body)) {
    // "My fellow Americans" names the speaker's own people; any other audience named is not the speaker.
    const own = /^\s*My fellow/u.test(address[0]) ? cuesOf(p).find((c) => c.end <= p.bodyStart + address[0].length) : undefined;
    const side = own ? own.entry.owner : localSide(state, docSide, cb);
    if (side) {
      state.speech = side;
      state.speechWeak = false;
      state.speechCue = address[0].trim();
      return { voice: side, cue: evidence(p, p.bodyStart + address.index, p.bodyStart + address.index + address[0].length, 'attribution:speech'), how: 'speaker' };
    }
  }
  // Most units name no speech: a plain literal gate spares them the two full patterns.
  if (!state.speech && !(p.lang === 'ja' ? SPEECH_GATE_JA : SPEECH_GATE_EN).test(p.text)) return null;
  const textMatch = (p.lang === 'ja' ? JA_SPEECH_TEXT : EN_SPEECH_TEXT).exec(body);
  // Round 12: "The President's remarks in Shanghai…" is a heading only at the document's head ("Ambassador's address at Keio University, Tokyo").
  const possessive = textMatch !== null && p.lang === 'en' && /'s\s/u.test(textMatch[0]);
  const heading = possessive && state.units === 0 && body.trim().split(/\s+/u).length <= 16 && /^\s*(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*'s\s/u.test(body.slice(textMatch.index));
  const textIntro = possessive && !heading ? null : textMatch;
  const intro = textIntro ?? (p.lang === 'ja' ? JA_SPEECH : EN_SPEECH).exec(body);
  if (intro) {
    const at = p.bodyStart + intro.index;
    // The speaker is the side named before the speech (首相は…演説を行った); failing that, any side named, or the document's.
    const cues = cuesOf(p);
    // Round 12: "Ambassador's address at Keio University, Tokyo": the place after the possessive is the venue, not the speaker's side.
    const venue = textIntro !== null && possessive ? p.bodyStart + textIntro.index + textIntro[0].indexOf("'s") : -1;
    // …and the subject after the speaker ("From the testimony of an academic before a House committee, 2006, on Japan's security debate") is not the speaker's side.
    const introEnd = textIntro !== null ? p.bodyStart + textIntro.index + textIntro[0].length : p.text.length;
    const topic = textIntro !== null && p.lang === 'en' ? /(?:,\s+|\s+)(?:on|about|concerning|regarding)\s/u.exec(p.text.slice(introEnd)) : null;
    const until = topic ? introEnd + topic.index : p.text.length;
    const c = venue >= 0 ? cues.find((c) => c.end <= venue) : (cues.find((c) => c.end <= at) ?? cues.find((c) => c.start < until));
    const side = c ? c.entry.owner : localSide(state, docSide, cb);
    if (side && !SPEECH_FIRST_PERSON.test(p.text.slice(p.bodyStart, at))) {
      state.speech = side;
      state.speechWeak = textIntro === null;
      state.speechCue = c ? p.text.slice(c.start, c.end) : side;
      // The announcement of a speech's text is the writer's; an intro that reports a view is decided as usual.
      if (textIntro) return { voice: AUTHOR, how: 'heading' };
    }
    return null;
  }
  if (!state.speech) return null;
  if (state.speechWeak && !SPEECH_FIRST_PERSON.test(body)) {
    state.speech = null;
    return null;
  }
  const f = explicit(p, false, cb);
  if (f && 'side' in f && f.side !== state.speech && relayable(p)) return { voice: f.side, cue: f.cue, how: 'relayed' };
  return { voice: state.speech, cue: { start: 0, end: 0, text: state.speechCue, rule: 'attribution:speech' }, how: 'speaker' };
}

function voiceOf(p: Prepared, state: DocState, docSide: string | null, cb: Codebook): VoiceDecision {
  declined.delete(p);
  if (p.dateline) {
    const d = hitsOf(p, 'dateline').find((h) => h.end <= (p.dateline?.end ?? 0));
    if (d) state.local = d.entry.owner;
  }
  // Round 11 (rule 4): a news item's heading, its source and kind before its headline ("Kyodo (English), short item: LDP hawks urge…",
  // "Korea Herald (wire brief): Seoul denies…"), is the piece's title, not a view reported.
  if (p.lang === 'en' && p.text.includes(':') && !p.tag?.interviewer && pieceHeading(p)) return { voice: AUTHOR, how: 'heading' };
  // Round 12 (rule 4): a document's first unit naming what kind of record follows ("Survey of Okinawa residents, May 1996, after…",
  // "Think-tank commentary from Tokyo, 2009.", "Interview notes, a U.S. think-tank fellow…", "From the transcript of a Washington think-tank podcast") is its heading.
  if (p.lang === 'en' && state.units === 0 && !p.tag && (DOC_HEAD.test(p.text) || (DOC_HEAD_EVENT.test(p.text) && shortAfterColon(p.text))) && !HEADLINE_AFTER.test(p.text)) return { voice: AUTHOR, how: 'heading' };
  if (p.tag) {
    // A chair's procedure (○委員長 …について質疑を行います, "The committee will come to order") carries no view (rule 2).
    // A transcript's heading set out like a tag ("SENATE FOREIGN RELATIONS COMMITTEE: Hearing on …") is the record's, not a speaker's.
    if ((CHAIR.test(p.tag.name) && PROCEDURE.test(p.text.slice(p.bodyStart))) || (p.lang === 'en' && CHAMBER.test(p.tag.name) && /^\s*(?:[A-Z][a-z]+\s+)?[Hh]earing\b/u.test(p.text.slice(p.bodyStart)) && recordHeading(p, p.bodyStart))) {
      tagRole(p, state, docSide, cb);
      return { voice: AUTHOR, how: 'heading' };
    }
    const t = tagRole(p, state, docSide, cb);
    if (t.role === 'interviewer') {
      const answer = inlineAnswer(p);
      if (answer >= 0) {
        const local = localSide(state, docSide, cb) ?? AUTHOR;
        state.lastSpeaker = local;
        return { voice: local, how: 'speaker' };
      }
      state.lastSpeaker = AUTHOR;
      state.awaitingAnswer = true;
      // A question names a holder of a view, but a vocative ("Mr. Ambassador, how…") names none.
      const f = explicit(p, false, cb);
      if (f && 'side' in f) return { voice: f.side, cue: f.cue, how: 'cue' };
      if (f && f.cue.rule !== NAMED_RULE && !VOCATIVE.test(p.text.slice(p.bodyStart))) return unsidedVoice(f, state, docSide, cb);
      return { voice: AUTHOR, how: 'question' };
    }
    state.lastSpeaker = t.side;
    state.awaitingAnswer = false;
    if (t.side === AUTHOR) {
      // Rule 1: a post with no place is the writer's own, unless it reports a view held on a side ("…と感じる日本人は少なくない").
      const own = explicit(p, true, cb);
      if (own && 'side' in own) return { voice: own.side, cue: own.cue, how: 'cue' };
      if (own) return unsidedVoice(own, state, docSide, cb);
      // A tag that says why the answer is the writer's own (no place in it) is that answer's evidence; nothing carries over it.
      return t.cue ? { voice: AUTHOR, cue: t.cue, how: 'speaker' } : { voice: AUTHOR, how: 'default' };
    }
    const f = explicit(p, false, cb);
    if (f && 'side' in f && f.side !== t.side && relayable(p)) return { voice: f.side, cue: f.cue, how: 'relayed' };
    // Round 11 (rule 3): the people of the other side a speaker met, and what they told them ("I met with Okinawan legislators last month. Their view is…").
    const met = p.lang === 'en' && (p.text.includes('I ') || p.text.includes("I'")) && !(f && 'side' in f && f.side === t.side) ? metContacts(p, t.side) : null;
    if (met) return { voice: met.side, cue: met.cue, how: 'relayed' };
    // 先方から…説明を受けております: "the other party" relays the other side's position.
    const other = p.lang === 'ja' && t.side !== AUTHOR ? jaReceived(p, t.side, cb, state) : null;
    if (other) return { voice: other.side, cue: other.cue, how: 'relayed' };
    return t.side === AUTHOR ? { voice: AUTHOR, how: 'default' } : { voice: t.side, cue: t.cue, how: 'speaker' };
  }
  // A transcript's heading ("House Armed Services Committee, hearing on allied burden sharing, March 1995 (excerpts).") reports no view (rule 4).
  if (p.lang === 'en' && recordHeading(p, p.bodyStart)) return { voice: AUTHOR, how: 'heading' };
  // An interviewer's or pollster's own intro ("We asked students in Tokyo how they see…", "Governor X has refused… We asked him why.") carries no view (rule 2).
  if (p.lang === 'en' && p.text.includes('e asked ') && weAsked(p)) return { voice: AUTHOR, how: 'heading' };
  // A letter signed with a name and a place ("… — Kenji Mori, Fukuoka") is its writer's, from that place (rule 2).
  const signed = p.lang === 'en' && (p.text.includes('—') || p.text.includes('–')) ? signatureSide(p) : null;
  if (signed) return signed;
  if (state.awaitingAnswer) {
    // An untagged unit after an unanswered question is the interviewee's answer.
    state.awaitingAnswer = false;
    // The guest an interview introduced answers (駐日米国大使に聞く → 「…」).
    const local = state.guest ?? localSide(state, docSide, cb);
    if (local) state.lastSpeaker = local;
  }
  if (state.lastSpeaker && state.lastSpeaker !== AUTHOR) {
    const f = explicit(p, false, cb);
    if (f && 'side' in f && f.side !== state.lastSpeaker && relayable(p)) return { voice: f.side, cue: f.cue, how: 'relayed' };
    return { voice: state.lastSpeaker, how: 'speaker' };
  }
  const f = explicit(p, true, cb);
  if (f && 'side' in f) {
    // 「政府」 alone is the government of the side the report is about: under a foreign dateline, after units voiced by that side (a U.S. hearing), it is that side's.
    const away = state.local !== null && state.local !== f.side && state.prevVoice === state.local;
    // Only 政府 itself as the subject (政府は), not 政府内では or 政府関係者 (a Japanese paper's own government's people, travelling or at home).
    if (away && p.lang === 'ja' && f.cue.text === BARE_GOVERNMENT && /^(?:は|が)/u.test(p.text.slice(f.cue.end, f.cue.end + 1))) return { voice: state.local as string, cue: f.cue, how: 'carried' };
    // Rule 3: a side's speaker who only relays the other side's stated position ("Suga said the White House had assured Tokyo…", 政府は…との米側の説明を受けていると).
    // Rule 3 for the writer: a side's claim reported only to be answered in the same unit (政府は「…」と説明するが、…; …と言うばかりだ; …と言う。だが) is the writer's.
    // (Only outside quotation marks: a quoted speaker answering a claim is still that speaker.)
    if (p.lang === 'ja' && (p.text.includes('が、') || p.text.includes('ばかり') || p.text.indexOf('。') < p.text.length - 1) && JA_COUNTERED.test(p.text) && JA_COUNTERED.test(p.text.replace(JA_QUOTATION, '「」'))) return { voice: AUTHOR, how: 'own' };
    const relay = p.lang === 'ja' ? jaReceived(p, f.side, cb) : relayedInComplement(p, true);
    if (relay && relay.side !== f.side) {
      state.relayedBy = f.side;
      return { voice: relay.side, cue: relay.cue, how: 'relayed' };
    }
    return { voice: f.side, cue: f.cue, how: 'cue' };
  }
  // A quotation standing alone goes on quoting the last speaker ("This is not how allies behave.").
  if (!f && isSide(cb, state.prevVoice) && quotationOnly(p)) return { voice: state.prevVoice, how: 'carried' };
  // Someone speaking in the first person inside quotation marks ("We rebuilt them, we protect them…") is a voice reported, whoever it is.
  const spoken = f ? null : quotedSpeech(p);
  if (spoken) return unsidedVoice({ cue: spoken, preferLocal: false }, state, docSide, cb);
  if (f) {
    // A role the document introduced with its side (沖縄県知事が訪米し… → 知事は…と語った; 日本大使館の外交官たち → 別の外交官は) keeps that side.
    const introduced = p.lang === 'ja' && f.cue.rule.startsWith('attribution:holder') ? jaIntroducedSide(state, f.cue.text) : undefined;
    if (introduced !== undefined) return { voice: introduced, cue: f.cue, how: 'carried' };
    // Round 12: in notes on an interview ("Interview notes: a former Japanese vice-minister…"), "he"/"she" opening a unit is the guest the notes introduced.
    const pronoun = p.lang === 'en' && GUEST_PRONOUN.test(f.cue.text) && f.cue.start - p.bodyStart <= 12;
    // Round 12: "He"/"she" opening a unit after the writer's own report is the person that report's subject named ("A senior Japanese defense official briefed reporters here today…" → "He said…").
    const subject = pronoun && state.guest === null && !isSide(cb, state.prevVoice) && state.topic ? subjectSide(state.topic) : null;
    const carried: VoiceDecision = pronoun && state.guest !== null ? { voice: state.guest, cue: f.cue, how: 'carried' } : isSide(cb, subject) ? { voice: subject, cue: f.cue, how: 'carried' } : unsidedVoice(f, state, docSide, cb);
    const relay = carried.voice !== AUTHOR ? relayedInComplement(p) : null;
    if (relay && relay.side !== carried.voice) {
      state.relayedBy = carried.voice;
      return { voice: relay.side, cue: relay.cue, how: 'relayed' };
    }
    return carried;
  }
  // "Mr. Nye said…": a person the document introduced with a side ("Assistant Secretary Joseph Nye") speaks for it.
  const named = p.lang === 'en' && p.byKind.has('verb') && state.introductions.length > 0 ? namedSpeaker(p, state) : null;
  if (named) return named;
  // An announcement of one's own act is the writer's report (rule 4), but "He" in the next unit is still its announcer.
  if (p.lang === 'en' && p.byKind.has('verb') && hitsOf(p, 'verb').some((h) => announced(p, h))) {
    const actor = subjectSide(p);
    if (actor) state.relayedBy = actor;
  }
  return { voice: AUTHOR, how: declined.has(p) ? 'own' : 'default' };
}
