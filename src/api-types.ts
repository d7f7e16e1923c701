/**
 * The dashboard's wire types: what each `/api/...` route answers. Type-only and free of Node
 * imports, so that both the server (`src/server/app.ts`, which checks the store's rows against
 * them at compile time) and the browser bundle (`web/src`) import the same declarations with
 * `import type` and cannot drift apart.
 */
import type { MeasurementJson } from './report/charts.js';
import type { Message, Sentence, Tone } from './types.js';

/** A span of a sentence (offsets into the sentence text) with the rule that found it. */
export interface SpanJson {
  start: number;
  end: number;
  rule: string;
}

/** Precision, recall and F1 with their counts. */
export interface Prf {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

/** One sentence behind a figure: its document, place, voice, the code's evidence. */
export interface EvidenceJson {
  docId: number;
  extId: string | null;
  title: string | null;
  date: string | null;
  source: string | null;
  side: string | null;
  lang: string | null;
  path: string | null;
  /** 0-based sentence index in the document. */
  sentence: number;
  paragraph: number;
  page: number | null;
  text: string;
  voice: string;
  voiceHow: string;
  cue: SpanJson | null;
  code: string;
  negated: boolean;
  evidence: SpanJson;
  negation: SpanJson | null;
}

/** A human decision about one sentence, kept beside the machine's. */
export interface ReviewJson {
  id: number;
  codebook: string;
  docId: number;
  sentence: number;
  reviewer: string;
  /** ISO time of the review. */
  at: string;
  voice: string;
  codes: string[];
  negated: string[];
  tone: Tone;
}

/** A stored document as listed: its metadata and sentence count. */
export interface DocumentListJson {
  id: number;
  hash: string;
  extId: string | null;
  title: string | null;
  date: string | null;
  side: string | null;
  source: string | null;
  lang: string | null;
  format: string | null;
  path: string | null;
  addedAt: string | null;
  sentences: number;
}

/** A stored document with its cleaned text. */
export interface DocumentJson extends DocumentListJson {
  text: string;
  pages: Array<{ page: number; start: number; end: number }>;
  meta: Record<string, string>;
}

/** Accuracy, kappa and alpha of one label family; `null` where undefined (no units, one category). */
export interface FamilyAgreement {
  units: number;
  accuracy: number | null;
  kappa: number | null;
  alpha: number | null;
  /** human label → machine label → units. */
  confusion: Record<string, Record<string, number>>;
}

/** The reliability page's figures: machine against the human reviews. */
export interface Reliability {
  /** Reviewed sentences the machine had coded (the others are counted in `uncoded`). */
  units: number;
  uncoded: number;
  documents: number;
  voice: FamilyAgreement;
  tone: FamilyAgreement;
  /** Raised codes, per code: P/R/F1 with the human as gold, and presence kappa/alpha. */
  codes: Record<string, Prf & { kappa: number | null; alpha: number | null }>;
  micro: Prf;
  negated: Record<string, Prf>;
}

/** One period of an overlay: the code's share and the outside value, `null` where missing. */
export interface OverlayRowJson {
  period: string;
  share: number | null;
  sentences: number;
  value: number | null;
}

/** An outside series set beside one code's trend (the JSON of `report --overlay`). */
export interface OverlayJson {
  code: string;
  /** The voice whose share is used; `all` for every sentence. */
  voice: string;
  /** The series' name. */
  label: string;
  by: 'year' | 'quarter' | 'month';
  lag: number;
  spearman: { rho: number | null; n: number };
  rows: OverlayRowJson[];
  messages: Message[];
}

/** What the dashboard knows of the outside series it was started with. */
export interface SeriesInfo {
  label: string;
  column: string;
  file: string;
  resolution: 'month' | 'year';
  points: number;
  first: string | null;
  last: string | null;
}

/** `GET /api/meta` */
export interface MetaResponse {
  ok: true;
  codebook: { name: string; version: string; sides: string[]; codes: Array<{ id: string; label: string; description: string }> };
  codebooks: Array<{ version: string; name: string; usedAt: string }>;
  voices: string[];
  tones: string[];
  facets: { sides: Array<string | null>; sources: string[]; langs: string[]; minDate: string | null; maxDate: string | null };
  stats: { documents: number; sentences: number; codebooks: number };
  /** The outside series given to `serve --overlay`, or null. */
  overlay: SeriesInfo | null;
}

/** `GET /api/overview`: the JSON of `twocities report --format json`. */
export type OverviewResponse = MeasurementJson & { messages: Message[] };

/** `GET /api/trend` */
export interface TrendResponse {
  ok: true;
  code: string;
  by: string;
  measurement: MeasurementJson;
}

/** `GET /api/overlay`: `overlay` equals the `overlay` array of `report --format json --overlay …`. */
export interface OverlayResponse {
  ok: true;
  overlay: OverlayJson[];
}

/** `POST /api/overlay`: a series uploaded from the page replaces the one the dashboard has. */
export interface OverlayUploadResponse {
  ok: true;
  overlay: SeriesInfo;
  /** Warnings met while reading the series (rows skipped, periods averaged). */
  messages: Message[];
}

/** `GET /api/evidence` */
export interface EvidenceResponse {
  ok: true;
  query: { code: string | null; voice: string | null; period: string | null; negated: boolean };
  rows: Array<EvidenceJson & { review: ReviewJson | null }>;
}

/** `GET /api/documents/:id` */
export interface DocumentResponse {
  ok: true;
  codebook: string;
  document: DocumentJson;
  sentences: Sentence[];
  reviews: ReviewJson[];
}

/** `GET /api/queue`: a review sample stratified by code and side. */
export interface QueueResponse {
  ok: true;
  reviewed: number;
  items: Array<EvidenceJson & { stratum: { code: string; voice: string } }>;
}

/** `GET /api/reliability` */
export interface ReliabilityResponse {
  ok: true;
  codebook: { name: string; version: string };
  reliability: Reliability;
  lastEvaluation: unknown;
}

/** `POST /api/review` */
export interface ReviewResponse {
  ok: true;
  review: ReviewJson;
}

/** The body of every failed request. */
export interface ApiError {
  ok: false;
  status: number;
  error: string;
  errors: Message[];
}
