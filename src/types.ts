/**
 * The shared vocabulary of twocities: one document object carried through the pipeline
 * (read → clean → segment → attribute → code → store → measure → present), the decisions made
 * about its sentences, and the messages that report problems with a place.
 *
 * Offsets are UTF-16 code-unit offsets (JavaScript string indices). Sentence offsets point into
 * the document's cleaned `text`; evidence offsets point into the sentence's own text.
 */

/** How serious a message is: `fatal` means the document (or run) could not be processed. */
export type Severity = 'info' | 'warning' | 'fatal';

/** Where in the input a message points. Every field is optional; fill what is known. */
export interface Place {
  /** File path or URL as the user gave it, or `<stdin>`. */
  file?: string;
  /** 1-based line in the input file (JSONL/CSV row, codebook YAML line). */
  line?: number;
  /** 1-based column. */
  column?: number;
  /** 1-based page of a paginated source (PDF). */
  page?: number;
  /** 0-based paragraph index in the cleaned text. */
  paragraph?: number;
  /** 0-based sentence index in the document. */
  sentence?: number;
  /** Character offset in the cleaned text. */
  offset?: number;
}

/** A problem (or notable change) found in the input, with its place. Never an exception. */
export interface Message {
  /** Stable identifier of the rule that produced it, e.g. `clean:repeated-paragraph`. */
  ruleId: string;
  /** The module that produced it: `read`, `clean`, `segment`, `codebook`, `store`, ... */
  source: string;
  severity: Severity;
  /** One human sentence, no trailing period needed. */
  reason: string;
  place: Place;
}

/** The four tone values of LABELS.md. */
export type Tone = 'positive' | 'negative' | 'mixed' | 'neutral';
export const TONES: readonly Tone[] = ['positive', 'negative', 'mixed', 'neutral'];

/** A voice is a side name declared by the codebook (`washington`, `tokyo`, `other`) or `author`. */
export type Voice = string;
export const AUTHOR = 'author';

/** Metadata known about a document before analysis. */
export interface DocMeta {
  /** The user's identifier (JSONL/CSV `id`, else the file path, else generated). */
  id: string;
  title?: string;
  /** ISO date `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`) when known. */
  date?: string;
  /** Where the document was published / who wrote it; `null` when unknown. */
  side: string | null;
  source?: string;
  /** Detected or declared language: `en`, `ja`, or `und`. */
  lang: string;
  /** Input format: `txt`, `md`, `jsonl`, `csv`, `pdf`, `html`, `docx`, `stdin`, `unit`. */
  format: string;
  /** Path or URL the document came from. */
  path?: string;
  /** Text encoding detected (or forced) when decoding bytes. */
  encoding?: string;
  /** Extra columns and fields, kept as metadata. */
  extra: Record<string, string>;
}

/** A page of a paginated source, as offsets into the cleaned text. */
export interface PageSpan {
  page: number;
  start: number;
  end: number;
}

/** A paragraph of the cleaned text. */
export interface Paragraph {
  index: number;
  start: number;
  end: number;
}

/** A span that made a decision. Offsets are relative to the sentence text. */
export interface Evidence {
  start: number;
  end: number;
  /** The text of the span, as written. */
  text: string;
  /** The codebook rule that fired, e.g. `side:tokyo/cue:critics-in` or `code:abandonment/en:3`. */
  rule: string;
  /** For a code raised by the learned model (rule `model:<code>`): its score, threshold and strongest features. */
  model?: { score: number; threshold: number; features: string[] };
}

/** The voice decision for one sentence. */
export interface VoiceDecision {
  voice: Voice;
  /** The cue that set the voice; absent for `author` by default. */
  cue?: Evidence;
  /**
   * How the voice was reached. Three of the rules' `author` decisions are told apart from the plain default (no holder
   * found) since round 12, so the voice model sees each as its own decision: `own`, a side's holder named but the writer's
   * own view kept (LABELS.md rules 1, 3 and 5: the writer's frame or appeal, a relay beside the writer's claim, holders of
   * both sides); `heading`, a heading, a transcript's record line, the announcement of a speech's text or the writer's
   * own interview intro (no view reported); `question`, an interviewer's question that names no holder (rule 2).
   */
  how: 'cue' | 'speaker' | 'carried' | 'relayed' | 'default' | 'own' | 'heading' | 'question' | 'model';
}

/** One code raised or negated in a sentence. */
export interface CodeHit {
  code: string;
  evidence: Evidence;
  /** For negated codes: the negation cue. */
  negation?: Evidence;
}

/** Everything decided about one sentence. */
export interface SentenceDecision {
  voice: VoiceDecision;
  raised: CodeHit[];
  negated: CodeHit[];
  tone: Tone;
  toneEvidence: Evidence[];
  /** Codes a pattern raised, or negated (with `negation`), that a learned model set aside as improbable (its score and bound in `evidence.model`); absent when none. */
  setAside?: CodeHit[];
}

/** A sentence of the cleaned text. */
export interface Sentence {
  index: number;
  paragraph: number;
  start: number;
  end: number;
  text: string;
  /** Page number when the source was paginated. */
  page?: number;
  decision?: SentenceDecision;
}

/**
 * The document object every pipeline stage reads and writes (in the manner of a vfile):
 * the text as read, the cleaned text, the stage results and the messages.
 */
export interface Doc {
  meta: DocMeta;
  /** Text as read (decoded), before cleaning. */
  raw: string;
  /** Text after cleaning; sentence offsets point here. */
  text: string;
  /** Pages of the cleaned text, when the reader provided pages. */
  pages: PageSpan[];
  paragraphs: Paragraph[];
  sentences: Sentence[];
  messages: Message[];
}

/** A labelling unit (LABELS.md file format): what a tool under test receives. */
export interface UnitIn {
  doc: string;
  side: string | null;
  text: string;
}

/** A labelled unit: the decision in the file format of LABELS.md. */
export interface UnitLabel {
  voice: Voice;
  codes: string[];
  negated: string[];
  tone: Tone;
}
