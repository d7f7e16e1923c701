/** Coder calls shared by the coder tests: one unit a paragraph, the built-in codebook unless given. */
import { readFileSync } from 'node:fs';
import { builtinCodebook, loadCodebook, type Codebook } from '../../src/codebook/index.js';
import { decide, type CoderContext } from '../../src/coder/index.js';
import type { SentenceDecision } from '../../src/types.js';

const builtin = builtinCodebook();
/** The built-in codebook without the learned voice part: the voice tests check the rules' structures (LABELS.md rules 1–5); the voice model has its own tests (coder-learned). */
const voiceRules: Codebook = (() => {
  if (!builtin.model?.voice) return builtin;
  const { voice: _voice, ...model } = builtin.model;
  return Object.freeze({ ...builtin, model });
})();

/** Decide consecutive texts of one document, each its own paragraph. */
export function runCoder(texts: string[], ctx: CoderContext = { docSide: null }, cb: Codebook = builtin): SentenceDecision[] {
  return decide(
    texts.map((text, i) => ({ text, paragraph: i })),
    ctx,
    cb,
  );
}

/** The voice the rules give every text of one document, with the document's side (the learned voice part left out). */
export function voicesOf(texts: string[], side: string | null = null): string[] {
  return runCoder(texts, { docSide: side }, voiceRules).map((d) => d.voice.voice);
}

/** The built-in codebook read as text (no folder, so no learned model): the rule tests check the rules' own decisions. */
export const rulesOnly: Codebook = (() => {
  const loaded = loadCodebook(readFileSync(new URL('../../codebooks/us-japan.yaml', import.meta.url), 'utf8'));
  if (!loaded.codebook) throw new Error('test helper: the built-in codebook does not load');
  return loaded.codebook;
})();

/** The rules' decision for one sentence of a document with no side. */
export const oneByRules = (text: string): SentenceDecision => decide([{ text, paragraph: 0 }], { docSide: null }, rulesOnly)[0] as SentenceDecision;
/** Codes raised by a decision, sorted. */
export const raisedCodes = (d: SentenceDecision): string[] => d.raised.map((h) => h.code).sort();
/** Codes negated by a decision, sorted. */
export const negatedCodes = (d: SentenceDecision): string[] => d.negated.map((h) => h.code).sort();
