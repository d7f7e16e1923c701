/**
 * Labelling units (LABELS.md file format): parse JSONL units and run the coder over them, one
 * document (consecutive units with the same `doc`) at a time.
 */
import type { Codebook } from './codebook/index.js';
import { decide } from './coder/index.js';
import { makeMessage } from './messages.js';
import { TONES, type CodeHit, type Evidence, type Message, type Tone, type UnitIn, type UnitLabel } from './types.js';

/** The evidence behind one unit's label. */
export interface UnitEvidence {
  voice?: Evidence;
  voiceHow: string;
  codes: CodeHit[];
  negated: CodeHit[];
  tone: Evidence[];
  /** Codes a pattern raised, or negated, that a learned model set aside (`SentenceDecision.setAside`). */
  setAside?: CodeHit[];
}

/** A labelled unit with its evidence. */
export type LabelledUnit = UnitIn & UnitLabel & { evidence: UnitEvidence };

/**
 * Label units: consecutive units with the same `doc` are coded together, in order.
 *
 * @example
 * labelUnits([{ doc: 'd1', side: 'tokyo', text: '日本は米国のポチだ。' }], builtinCodebook())[0]?.codes; // ['autonomy']
 */
export function labelUnits(units: UnitIn[], cb: Codebook): LabelledUnit[] {
  const out: LabelledUnit[] = [];
  let i = 0;
  while (i < units.length) {
    const first = units[i] as UnitIn;
    let j = i;
    while (j < units.length && (units[j] as UnitIn).doc === first.doc) j++;
    const group = units.slice(i, j);
    const decisions = decide(
      group.map((u, k) => ({ text: u.text, paragraph: k })),
      { docSide: first.side ?? null },
      cb,
    );
    group.forEach((u, k) => {
      const d = decisions[k];
      if (!d) return;
      out.push({
        doc: u.doc,
        side: u.side,
        text: u.text,
        voice: d.voice.voice,
        codes: d.raised.map((h) => h.code),
        negated: d.negated.map((h) => h.code),
        tone: d.tone,
        evidence: { voice: d.voice.cue, voiceHow: d.voice.how, codes: d.raised, negated: d.negated, tone: d.toneEvidence, ...(d.setAside ? { setAside: d.setAside } : {}) },
      });
    });
    i = j;
  }
  return out;
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/**
 * Parse JSONL units (`doc`, `side`, `text`, and optionally the labels). Bad lines become messages
 * with their line number and are skipped.
 *
 * @example
 * const { units, messages } = parseUnits('{"doc":"d1","side":null,"text":"Hi."}\n', 'u.jsonl');
 * // A second coder's labels without the text: parseUnits(labels, 'second.jsonl', { textOptional: true })
 */
export function parseUnits(text: string, file: string, opts: { textOptional?: boolean } = {}): { units: Array<UnitIn & Partial<UnitLabel>>; messages: Message[] } {
  const units: Array<UnitIn & Partial<UnitLabel>> = [];
  const messages: Message[] = [];
  const lines = text.split(/\r?\n/);
  const bad = (line: number, reason: string): void => {
    messages.push(makeMessage('label', 'label:bad-unit', 'warning', reason, { file, line }));
  };
  lines.forEach((raw, idx) => {
    const line = idx + 1;
    const s = raw.replace(/^\uFEFF/, '').trim();
    if (s.length === 0) return;
    let v: unknown;
    try {
      v = JSON.parse(s);
    } catch (e) {
      bad(line, `not valid JSON: ${(e as Error).message}`);
      return;
    }
    if (!v || typeof v !== 'object' || Array.isArray(v)) {
      bad(line, 'a unit must be a JSON object');
      return;
    }
    const o = v as Record<string, unknown>;
    // A second coder's labels may leave the text out (it stays in the gold file); its doc then says which unit it is.
    if (typeof o.text !== 'string' && !(opts.textOptional && o.text === undefined)) {
      bad(line, 'missing "text" (a string)');
      return;
    }
    if (o.doc !== undefined && typeof o.doc !== 'string' && typeof o.doc !== 'number') {
      bad(line, '"doc" must be a string');
      return;
    }
    if (o.side !== undefined && o.side !== null && typeof o.side !== 'string') {
      bad(line, '"side" must be a string or null');
      return;
    }
    const unit: UnitIn & Partial<UnitLabel> = { doc: o.doc === undefined ? `line-${line}` : String(o.doc), side: (o.side as string | null | undefined) ?? null, text: typeof o.text === 'string' ? o.text : '' };
    if (o.voice !== undefined) {
      if (typeof o.voice === 'string') unit.voice = o.voice;
      else bad(line, '"voice" must be a string; labels ignored');
    }
    if (o.codes !== undefined) {
      if (isStringArray(o.codes)) unit.codes = o.codes;
      else bad(line, '"codes" must be a list of strings; labels ignored');
    }
    if (o.negated !== undefined) {
      if (isStringArray(o.negated)) unit.negated = o.negated;
      else bad(line, '"negated" must be a list of strings; labels ignored');
    }
    if (o.tone !== undefined) {
      if (typeof o.tone === 'string' && (TONES as readonly string[]).includes(o.tone)) unit.tone = o.tone as Tone;
      else bad(line, `"tone" must be one of ${TONES.join(', ')}; labels ignored`);
    }
    units.push(unit);
  });
  return { units, messages };
}
