/** Coder calls shared by the coder tests: one unit a paragraph, the built-in codebook unless given. */
import { builtinCodebook, type Codebook } from '../../src/codebook/index.js';
import { decide, type CoderContext } from '../../src/coder/index.js';
import type { SentenceDecision } from '../../src/types.js';

const builtin = builtinCodebook();

/** Decide consecutive texts of one document, each its own paragraph. */
export function runCoder(texts: string[], ctx: CoderContext = { docSide: null }, cb: Codebook = builtin): SentenceDecision[] {
  return decide(
    texts.map((text, i) => ({ text, paragraph: i })),
    ctx,
    cb,
  );
}

/** The voice of every text of one document, with the document's side. */
export function voicesOf(texts: string[], side: string | null = null): string[] {
  return runCoder(texts, { docSide: side }).map((d) => d.voice.voice);
}
