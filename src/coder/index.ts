/**
 * The coder: for consecutive sentences of one document, decide voice, codes raised and negated,
 * tone and the evidence behind each decision. It knows sentences, not formats.
 */
import { roleCode, type Codebook } from '../codebook/index.js';
import type { CodeHit, SentenceDecision } from '../types.js';
import { decideCodes } from './codes.js';
import { denialCodes, modelCodes, undeniedCodes, vetoCodes, vetoKeys } from './model.js';
import { netCodes, netTone } from './net.js';
import { prepare, type Prepared } from './sentence.js';
import { decideTone } from './tone.js';
import { toneWithModel } from './tone-model.js';
import { applyVoiceModel, voiceWordSums } from './voice-model.js';
import { decideVoice, newDocState } from './voice.js';

/** Each codebook's pattern rule ids with their veto names, worked out once per matcher. */
const vetoNames = new WeakMap<Codebook['matcher'], Map<string, string>>();
function keysOf(cb: Codebook): Map<string, string> {
  let keys = vetoNames.get(cb.matcher);
  if (!keys) {
    keys = vetoKeys(cb.matcher.entries);
    vetoNames.set(cb.matcher, keys);
  }
  return keys;
}

/** The codes of roles `reassurance` and `abandonment`, when the codebook has both: an affirmed pledge is no denied fear. */
function pledgeOf(cb: Codebook): { pledge: string; fear: string } | undefined {
  const pledge = roleCode(cb, 'reassurance');
  const fear = roleCode(cb, 'abandonment');
  return pledge && fear ? { pledge, fear } : undefined;
}

/** `hits` without the codes of `gone` (the same list when there are none). */
function without(hits: CodeHit[], gone: readonly CodeHit[]): CodeHit[] {
  if (gone.length === 0) return hits;
  const codes = new Set(gone.map((g) => g.code));
  return hits.filter((h) => !codes.has(h.code));
}

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
  // Kept for the voice model, which reads the whole document's decisions after the rules.
  const preps: Prepared[] = [];
  const voiceSums: Array<Float64Array | null> = [];
  let paragraph = Number.NaN;
  for (const u of units) {
    if (u.paragraph !== paragraph) state.paragraphVoice = null;
    paragraph = u.paragraph;
    const p = prepare(u.text, cb);
    let setAside: SentenceDecision['setAside'];
    const voice = decideVoice(p, state, ctx.docSide, cb);
    const codes = decideCodes(p, cb, previousRaised);
    if (cb.model) {
      // The code model raises only codes the rules left undecided (rules win on negation); the denial model may
      // then read a code the model raised, or one nobody raised, as denied where the rules negated nothing.
      const added = modelCodes(p, cb.model, codes, roleCode(cb, 'passing'));
      const denied = denialCodes(p, cb.model, codes, added, previousRaised, pledgeOf(cb));
      // Last, as in training (the model and denial model read the rules' raises as they were): the vetoes.
      const keys = keysOf(cb);
      const aside = vetoCodes(p, cb.model, codes.raised, keys);
      const { undone, raised } = undeniedCodes(p, cb.model, codes, keys, previousRaised);
      codes.raised = without(codes.raised, aside);
      if (undone.length > 0) {
        codes.negated = without(codes.negated, undone);
        codes.raised.push(...raised);
      }
      if (aside.length + undone.length > 0) setAside = [...aside, ...undone];
      for (const a of added) codes.raised.push(a);
      if (denied.length > 0) {
        codes.raised = without(codes.raised, denied);
        codes.negated.push(...denied);
      }
      // Last, the network: codes nobody decided, raised or denied from the sentence's words.
      if (cb.model.net) {
        const net = netCodes(p, cb.model, codes, previousRaised, pledgeOf(cb));
        codes.raised.push(...net.raised);
        codes.negated.push(...net.negated);
      }
    }
    const ruled = decideTone(p, cb, codes.raised, codes.negated);
    // Where the rules found no judgement, the tone model may read one in the wording; a confident network overrules both.
    const modelled = cb.model?.tone ? toneWithModel(p, cb.model, ruled, codes.raised, codes.negated) : ruled;
    const byNet = cb.model?.net ? netTone(p, cb.model) : undefined;
    const tone = byNet && byNet.tone !== modelled.tone ? { tone: byNet.tone, toneEvidence: [byNet.evidence] } : modelled;
    out.push({ voice, raised: codes.raised, negated: codes.negated, tone: tone.tone, toneEvidence: tone.toneEvidence, ...(setAside ? { setAside } : {}) });
    if (cb.model?.voice) {
      // The words' share of the voice model now, while the sentence's features are hashed; the rest once voices are final.
      preps.push(p);
      voiceSums.push(voiceWordSums(p, cb.model));
    }
    // After a relayed statement, "he" continues the speaker who relayed it, not the side relayed.
    state.prevVoice = state.relayedBy ?? voice.voice;
    state.relayedBy = null;
    if (cb.sides.includes(voice.voice)) state.paragraphVoice = voice.voice;
    previousRaised = codes.raised.map((r) => r.code);
  }
  // Within a paragraph, an unattributed sentence between two sentences of one reported view continues it.
  for (let i = 1; i + 1 < out.length; i++) {
    const [a, d, b] = [out[i - 1], out[i], out[i + 1]] as [SentenceDecision, SentenceDecision, SentenceDecision];
    const same = units[i - 1]?.paragraph === units[i]?.paragraph && units[i]?.paragraph === units[i + 1]?.paragraph;
    if (same && d.voice.how === 'default' && b.voice.how === 'carried' && a.voice.voice === b.voice.voice && cb.sides.includes(a.voice.voice)) {
      d.voice = { voice: a.voice.voice, how: 'carried' };
    }
  }
  if (cb.model?.voice) applyVoiceModel(preps, voiceSums, out, ctx.docSide, cb.model);
  return out;
}
