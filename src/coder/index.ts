/**
 * The coder: for consecutive sentences of one document, decide voice, codes raised and negated,
 * tone and the evidence behind each decision. It knows sentences, not formats.
 */
import type { Codebook } from '../codebook/index.js';
import type { SentenceDecision } from '../types.js';
import { decideCodes } from './codes.js';
import { prepare } from './sentence.js';
import { decideVoice, newDocState } from './voice.js';

/** One sentence handed to the coder, with its paragraph index. */
export interface CoderUnit {
  text: string;
  paragraph: number;
}

/** What is known about the document before coding. */
export interface CoderContext {
  /** The document's own side (where it was published / who wrote it), or null. */
  docSide: string | null;
  lang?: string;
  title?: string;
}

/**
 * Decide voice, codes raised/negated, tone and evidence for consecutive units (sentences) of one
 * document, in order.
 *
 * @example
 * const [d] = decide([{ text: 'Japanese officials worry that Washington will abandon Japan.', paragraph: 0 }], { docSide: null }, builtinCodebook());
 * d.voice.voice; // 'tokyo'
 */
export function decide(units: CoderUnit[], ctx: CoderContext, cb: Codebook): SentenceDecision[] {
  const state = newDocState();
  let previousRaised: string[] = [];
  const out: SentenceDecision[] = [];
  for (const u of units) {
    const p = prepare(u.text, cb);
    const voice = decideVoice(p, state, ctx.docSide, cb);
    const codes = decideCodes(p, cb, previousRaised);
    out.push({ voice, raised: codes.raised, negated: codes.negated, tone: codes.tone, toneEvidence: codes.toneEvidence });
    state.prevVoice = voice.voice;
    previousRaised = codes.raised.map((r) => r.code);
  }
  return out;
}
