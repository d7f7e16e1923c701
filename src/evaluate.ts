/**
 * Agreement with human labels: per-code precision/recall/F1 for raised and negated codes, voice
 * and tone accuracy with confusion tables, Cohen's kappa and Krippendorff's alpha per label family
 * with bootstrap intervals over documents, per language and overall, and every wrong decision
 * with its evidence.
 */
import type { Prf } from './api-types.js';
import type { Codebook } from './codebook/index.js';
import { detectLang } from './lang.js';
import { labelUnits, type LabelledUnit } from './label.js';
import { bootstrap, type Interval } from './stats.js';
import { makeMessage } from './messages.js';
import type { Message, UnitIn, UnitLabel } from './types.js';

export type { Prf } from './api-types.js';

/** Agreement on one label family. */
export interface Agreement {
  /** Share of units where tool and gold agree. */
  accuracy: Interval;
  kappa: Interval;
  alpha: Interval;
}

/** Figures for one slice of the gold set (a language, or all). */
export interface SliceResult {
  units: number;
  documents: number;
  voice: Agreement & { confusion: Record<string, Record<string, number>> };
  tone: Agreement & { confusion: Record<string, Record<string, number>> };
  raised: { perCode: Record<string, Prf>; micro: Prf; macroF1: number; minF1: number };
  negated: { perCode: Record<string, Prf>; micro: Prf; macroF1: number };
  /** Presence/absence agreement per code (raised), and pooled over codes. */
  codes: Record<string, Agreement>;
  pooledCodes: Agreement;
}

/** One wrong decision with its evidence. */
export interface EvalError {
  family: string;
  doc: string;
  text: string;
  gold: string;
  decided: string;
  evidence: string;
}

/** The whole evaluation. */
export interface EvaluationResult {
  codebook: { name: string; version: string };
  overall: SliceResult;
  byLang: Record<string, SliceResult>;
  errors: EvalError[];
  reps: number;
  seed: number;
  /**
   * Who was compared with the gold: `tool` (the codebook's coder) or a second coder's labels (`evaluate --against FILE`);
   * `compared` names the label families a second coder gave when it gave only some (a second coding of voice alone).
   */
  rater: { kind: 'tool' } | { kind: 'coder'; file: string; compared?: LabelFamily[] };
}

/** The label families a second coder may give: voice, codes (raised and negated together), tone. */
export const LABEL_FAMILIES = ['voice', 'codes', 'tone'] as const;
export type LabelFamily = (typeof LABEL_FAMILIES)[number];

type Pair = [string, string];

/**
 * Cohen's kappa for two raters over nominal pairs (gold, decided); NaN when undefined.
 *
 * @example
 * cohenKappa([['a', 'a'], ['b', 'b'], ['a', 'b'], ['b', 'b']]); // 0.5
 */
export function cohenKappa(pairs: readonly Pair[]): number {
  const n = pairs.length;
  if (n === 0) return Number.NaN;
  const a = new Map<string, number>();
  const b = new Map<string, number>();
  let agree = 0;
  for (const [x, y] of pairs) {
    if (x === y) agree++;
    a.set(x, (a.get(x) ?? 0) + 1);
    b.set(y, (b.get(y) ?? 0) + 1);
  }
  const po = agree / n;
  let pe = 0;
  for (const [k, v] of a) pe += (v / n) * ((b.get(k) ?? 0) / n);
  if (pe === 1) return po === 1 ? 1 : Number.NaN;
  return (po - pe) / (1 - pe);
}

/**
 * Krippendorff's alpha (nominal) for two coders with no missing values; NaN when undefined.
 *
 * @example
 * krippendorffAlpha([['a', 'a'], ['b', 'b'], ['a', 'b'], ['b', 'b']]); // 0.5333…
 */
export function krippendorffAlpha(pairs: readonly Pair[]): number {
  const n = pairs.length * 2;
  if (pairs.length === 0) return Number.NaN;
  const counts = new Map<string, number>();
  let disagreements = 0;
  for (const [x, y] of pairs) {
    counts.set(x, (counts.get(x) ?? 0) + 1);
    counts.set(y, (counts.get(y) ?? 0) + 1);
    if (x !== y) disagreements += 2;
  }
  // Observed disagreement over pairable values (each unit has 2 values, m_u - 1 = 1).
  const dObserved = disagreements / n;
  let sumSq = 0;
  for (const v of counts.values()) sumSq += v * v;
  const dExpected = (n * n - sumSq) / (n * (n - 1));
  if (dExpected === 0) return dObserved === 0 ? 1 : Number.NaN;
  return 1 - dObserved / dExpected;
}

function prf(tp: number, fp: number, fn: number): Prf {
  const precision = tp + fp === 0 ? (fn === 0 ? 1 : 0) : tp / (tp + fp);
  const recall = tp + fn === 0 ? (fp === 0 ? 1 : 0) : tp / (tp + fn);
  const f1 = tp === 0 ? (fp + fn === 0 ? 1 : 0) : (2 * tp) / (2 * tp + fp + fn);
  return { tp, fp, fn, precision, recall, f1 };
}

interface Row {
  gold: UnitIn & UnitLabel;
  out: LabelledUnit;
}

function groupByDoc(rows: Row[]): Row[][] {
  const m = new Map<string, Row[]>();
  for (const r of rows) {
    const list = m.get(r.gold.doc);
    if (list) list.push(r);
    else m.set(r.gold.doc, [r]);
  }
  return [...m.values()];
}

function agreement(docs: Row[][], pairOf: (r: Row) => Pair[], opts: { reps: number; seed: number }): Agreement {
  const pairs = (ds: readonly Row[][]): Pair[] => ds.flatMap((d) => d.flatMap((r) => pairOf(r)));
  const acc = (ds: readonly Row[][]): number => {
    const ps = pairs(ds);
    return ps.length === 0 ? Number.NaN : ps.filter(([a, b]) => a === b).length / ps.length;
  };
  return {
    accuracy: bootstrap(docs, acc, opts),
    kappa: bootstrap(docs, (ds) => cohenKappa(pairs(ds)), opts),
    alpha: bootstrap(docs, (ds) => krippendorffAlpha(pairs(ds)), opts),
  };
}

function confusion(rows: Row[], get: (u: UnitLabel) => string): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const r of rows) {
    const g = get(r.gold);
    const d = get(r.out);
    const row = (out[g] ??= {});
    row[d] = (row[d] ?? 0) + 1;
  }
  return out;
}

function slice(rows: Row[], codes: string[], opts: { reps: number; seed: number }): SliceResult {
  const docs = groupByDoc(rows);
  const perCode = (field: 'codes' | 'negated'): { perCode: Record<string, Prf>; micro: Prf; macroF1: number; minF1: number } => {
    const per: Record<string, Prf> = {};
    let TP = 0;
    let FP = 0;
    let FN = 0;
    for (const c of codes) {
      let tp = 0;
      let fp = 0;
      let fn = 0;
      for (const r of rows) {
        const g = r.gold[field].includes(c);
        const d = r.out[field].includes(c);
        if (g && d) tp++;
        else if (d) fp++;
        else if (g) fn++;
      }
      per[c] = prf(tp, fp, fn);
      TP += tp;
      FP += fp;
      FN += fn;
    }
    const f1s = Object.values(per).map((p) => p.f1);
    return { perCode: per, micro: prf(TP, FP, FN), macroF1: f1s.reduce((a, b) => a + b, 0) / Math.max(1, f1s.length), minF1: Math.min(...f1s) };
  };
  const codeAgreement: Record<string, Agreement> = {};
  for (const c of codes) codeAgreement[c] = agreement(docs, (r) => [[String(r.gold.codes.includes(c)), String(r.out.codes.includes(c))]], opts);
  const negated = perCode('negated');
  return {
    units: rows.length,
    documents: docs.length,
    voice: { ...agreement(docs, (r) => [[r.gold.voice, r.out.voice]], opts), confusion: confusion(rows, (u) => u.voice) },
    tone: { ...agreement(docs, (r) => [[r.gold.tone, r.out.tone]], opts), confusion: confusion(rows, (u) => u.tone) },
    raised: perCode('codes'),
    negated: { perCode: negated.perCode, micro: negated.micro, macroF1: negated.macroF1 },
    codes: codeAgreement,
    pooledCodes: agreement(docs, (r) => codes.map((c) => [String(r.gold.codes.includes(c)), String(r.out.codes.includes(c))] as Pair), opts),
  };
}

/** The raises (`negated` false) or negations (true) a learned model set aside, as evidence lines. */
function setAsideOf(ev: LabelledUnit['evidence'], negated: boolean): string[] {
  return (ev.setAside ?? []).filter((h) => (h.negation !== undefined) === negated).map((h) => `${h.code}: "${h.evidence.text}"${h.negation ? ` negated by "${h.negation.text}"` : ''} [${h.negation?.rule ?? h.evidence.rule}] set aside by the model (${h.evidence.model?.score ?? '?'} < ${h.evidence.model?.threshold ?? '?'})`);
}

function listErrors(rows: Row[], secondCoder: boolean): EvalError[] {
  const errors: EvalError[] = [];
  const sorted = (xs: string[]): string => [...xs].sort().join(', ') || '—';
  for (const { gold, out } of rows) {
    const base = { doc: gold.doc, text: gold.text };
    const ev = out.evidence;
    if (gold.voice !== out.voice) errors.push({ ...base, family: 'voice', gold: gold.voice, decided: out.voice, evidence: ev.voice ? `${ev.voiceHow}: "${ev.voice.text}" [${ev.voice.rule}]` : `${ev.voiceHow}: no cue` });
    if (sorted(gold.codes) !== sorted(out.codes)) {
      errors.push({ ...base, family: 'codes', gold: sorted(gold.codes), decided: sorted(out.codes), evidence: [...ev.codes.map((h) => `${h.code}: "${h.evidence.text}" [${h.evidence.rule}]`), ...setAsideOf(ev, false)].join('; ') || 'no pattern fired' });
    }
    if (sorted(gold.negated) !== sorted(out.negated)) {
      errors.push({ ...base, family: 'negated', gold: sorted(gold.negated), decided: sorted(out.negated), evidence: [...ev.negated.map((h) => `${h.code}: "${h.evidence.text}" negated by "${h.negation?.text ?? ''}" [${h.negation?.rule ?? h.evidence.rule}]`), ...setAsideOf(ev, true)].join('; ') || 'no negation found' });
    }
    if (gold.tone !== out.tone) errors.push({ ...base, family: 'tone', gold: gold.tone, decided: out.tone, evidence: ev.tone.map((e) => `"${e.text}" [${e.rule}]`).join('; ') || 'no tone evidence' });
  }
  // A second coder's labels carry no evidence: say whose decision it was instead of "no cue".
  if (secondCoder) for (const e of errors) e.evidence = 'the second coder (no evidence recorded)';
  const order = ['voice', 'codes', 'negated', 'tone'];
  return errors.sort((a, b) => order.indexOf(a.family) - order.indexOf(b.family));
}

/**
 * Label the gold units with the codebook and measure agreement, overall and per language.
 *
 * @example
 * const result = evaluate(goldUnits, builtinCodebook(), { reps: 1000, seed: 1 });
 * result.byLang.en?.voice.accuracy.estimate;
 */
export function evaluate(gold: Array<UnitIn & UnitLabel>, cb: Codebook, opts: { reps?: number; seed?: number; against?: { file: string; units: LabelledUnit[]; compared?: readonly LabelFamily[] } } = {}): EvaluationResult {
  const reps = opts.reps ?? 1000;
  const seed = opts.seed ?? 1;
  const out = opts.against?.units ?? labelUnits(gold, cb);
  const rows: Row[] = gold.map((g, i) => ({ gold: g, out: out[i] as LabelledUnit }));
  const codes = cb.codes.map((c) => c.id);
  const byLang: Record<string, SliceResult> = {};
  const langs = new Map<string, Row[]>();
  for (const r of rows) {
    const l = detectLang(r.gold.text);
    const list = langs.get(l);
    if (list) list.push(r);
    else langs.set(l, [r]);
  }
  for (const [l, rs] of [...langs].sort(([a], [b]) => a.localeCompare(b))) byLang[l] = slice(rs, codes, { reps, seed });
  const compared = opts.against?.compared;
  const rater: EvaluationResult['rater'] = opts.against ? { kind: 'coder', file: opts.against.file, ...(compared && compared.length < LABEL_FAMILIES.length ? { compared: [...compared] } : {}) } : { kind: 'tool' };
  return { codebook: { name: cb.name, version: cb.version }, overall: slice(rows, codes, { reps, seed }), byLang, errors: listErrors(rows, opts.against !== undefined), reps, seed, rater };
}

/** Which label families a second coder's unit gives (`codes` only with `negated` beside it), or a reason it is half given. */
function familiesOf(s: Partial<UnitLabel>): Set<LabelFamily> | string {
  if ((s.codes === undefined) !== (s.negated === undefined)) return 'gives one of codes and negated without the other';
  const out = new Set<LabelFamily>();
  if (s.voice !== undefined) out.add('voice');
  if (s.codes !== undefined) out.add('codes');
  if (s.tone !== undefined) out.add('tone');
  return out;
}

/**
 * Line a second coder's labels up with the gold units, unit by unit in file order, for inter-coder
 * agreement (`evaluate GOLD --against FILE`). Each second unit must name the same document as the gold
 * unit in its place (and, when it carries a text, the same text); a mismatch is a message with the
 * second file's line and nothing is compared. A second coder may give only some label families (voice
 * alone, say), the same ones for every unit: `compared` names them, and the families left out take the
 * gold's labels, so that they agree and no figure is read from them.
 *
 * @example
 * const r = alignSecondCoder(gold, second, 'second.jsonl');
 * if ('units' in r) evaluate(gold, cb, { against: { file: 'second.jsonl', units: r.units, compared: r.compared } });
 */
export function alignSecondCoder(gold: ReadonlyArray<UnitIn & UnitLabel>, second: ReadonlyArray<UnitIn & Partial<UnitLabel>>, file: string): { units: LabelledUnit[]; compared: LabelFamily[] } | { messages: Message[] } {
  const problem = (line: number, reason: string): { messages: Message[] } => ({ messages: [makeMessage('evaluate', 'evaluate:second-coder', 'fatal', reason, { file, line })] });
  if (second.length !== gold.length) return problem(Math.min(second.length, gold.length) + 1, `the second coder labelled ${second.length} units, the gold file has ${gold.length}: both must hold the same units in the same order`);
  const units: LabelledUnit[] = [];
  let given: Set<LabelFamily> | undefined;
  for (let i = 0; i < gold.length; i++) {
    const g = gold[i] as UnitIn & UnitLabel;
    const s = second[i] as UnitIn & Partial<UnitLabel>;
    if (s.doc !== g.doc) return problem(i + 1, `unit ${i + 1} is in document "${s.doc}", the gold unit in that place is in "${g.doc}"`);
    if (s.text !== '' && s.text !== g.text) return problem(i + 1, `unit ${i + 1} (document "${g.doc}") has another text than the gold unit in that place`);
    const has = familiesOf(s);
    if (typeof has === 'string') return problem(i + 1, `unit ${i + 1} (document "${g.doc}") ${has}`);
    if (has.size === 0) return problem(i + 1, `unit ${i + 1} (document "${g.doc}") gives none of voice, codes and negated, tone`);
    given ??= has;
    const differs = LABEL_FAMILIES.find((f) => given?.has(f) !== has.has(f));
    if (differs) return problem(i + 1, `unit ${i + 1} (document "${g.doc}") ${has.has(differs) ? 'gives' : 'lacks'} ${differs}, unlike the units before it: a second coder gives a family for every unit or for none`);
    units.push({ doc: g.doc, side: g.side, text: g.text, voice: s.voice ?? g.voice, codes: s.codes ?? g.codes, negated: s.negated ?? g.negated, tone: s.tone ?? g.tone, evidence: { voiceHow: 'second coder', codes: [], negated: [], tone: [] } });
  }
  return { units, compared: LABEL_FAMILIES.filter((f) => given?.has(f) ?? true) };
}

/** A slice without the figures of the families a second coder did not give (JSON output). */
function onlyCompared(s: SliceResult, compared: ReadonlySet<LabelFamily>): Partial<SliceResult> {
  const { voice, tone, raised, negated, codes, pooledCodes, ...rest } = s;
  return { ...rest, ...(compared.has('voice') ? { voice } : {}), ...(compared.has('tone') ? { tone } : {}), ...(compared.has('codes') ? { raised, negated, codes, pooledCodes } : {}) };
}

function fmt(x: number): string {
  return Number.isFinite(x) ? x.toFixed(3) : '—';
}

function fmtI(i: Interval): string {
  return `${fmt(i.estimate)} [${fmt(i.low)}, ${fmt(i.high)}]`;
}

function sliceText(name: string, s: SliceResult, columns: string, compared: ReadonlySet<LabelFamily> = ALL_FAMILIES): string[] {
  const lines: string[] = [];
  const absent = 'not given by the second coder';
  lines.push(`== ${name}: ${s.units} units, ${s.documents} documents`);
  lines.push(compared.has('voice') ? `voice     accuracy ${fmtI(s.voice.accuracy)}  kappa ${fmtI(s.voice.kappa)}  alpha ${fmtI(s.voice.alpha)}` : `voice     ${absent}`);
  lines.push(compared.has('tone') ? `tone      accuracy ${fmtI(s.tone.accuracy)}  kappa ${fmtI(s.tone.kappa)}  alpha ${fmtI(s.tone.alpha)}` : `tone      ${absent}`);
  if (!compared.has('codes')) lines.push(`codes     ${absent}`);
  else {
    lines.push(`codes     macro-F1 ${fmt(s.raised.macroF1)}  min F1 ${fmt(s.raised.minF1)}  micro-F1 ${fmt(s.raised.micro.f1)}  pooled kappa ${fmtI(s.pooledCodes.kappa)}  alpha ${fmtI(s.pooledCodes.alpha)}`);
    lines.push(`negated   micro-F1 ${fmt(s.negated.micro.f1)}  macro-F1 ${fmt(s.negated.macroF1)}`);
    lines.push('code                    raised P / R / F1 (tp fp fn)        negated P / R / F1 (tp fp fn)   kappa');
    for (const [c, p] of Object.entries(s.raised.perCode)) {
      const n = s.negated.perCode[c] as Prf;
      const k = s.codes[c]?.kappa.estimate ?? Number.NaN;
      lines.push(`${c.padEnd(24)}${fmt(p.precision)} / ${fmt(p.recall)} / ${fmt(p.f1)} (${p.tp} ${p.fp} ${p.fn})`.padEnd(60) + `${fmt(n.precision)} / ${fmt(n.recall)} / ${fmt(n.f1)} (${n.tp} ${n.fp} ${n.fn})`.padEnd(32) + fmt(k));
    }
  }
  const conf = (title: string, m: Record<string, Record<string, number>>): void => {
    const labels = [...new Set([...Object.keys(m), ...Object.values(m).flatMap((r) => Object.keys(r))])].sort();
    lines.push(`${title} confusion (rows gold, columns ${columns})`);
    lines.push(''.padEnd(12) + labels.map((l) => l.slice(0, 10).padStart(11)).join(''));
    for (const g of labels) lines.push(g.slice(0, 11).padEnd(12) + labels.map((d) => String(m[g]?.[d] ?? 0).padStart(11)).join(''));
  };
  if (compared.has('voice')) conf('voice', s.voice.confusion);
  if (compared.has('tone')) conf('tone', s.tone.confusion);
  return lines;
}

const ALL_FAMILIES: ReadonlySet<LabelFamily> = new Set(LABEL_FAMILIES);

/**
 * Format an evaluation for the terminal (`text`) or as JSON; `errors` adds every wrong decision.
 *
 * @example
 * process.stdout.write(formatEvaluation(result, 'text', { errors: true }));
 */
export function formatEvaluation(result: EvaluationResult, format: 'text' | 'json', opts: { errors?: boolean } = {}): string {
  const compared: ReadonlySet<LabelFamily> = result.rater.kind === 'coder' && result.rater.compared ? new Set(result.rater.compared) : ALL_FAMILIES;
  if (format === 'json') {
    const { errors, ...rest } = result;
    const shown = compared === ALL_FAMILIES ? rest : { ...rest, overall: onlyCompared(rest.overall, compared), byLang: Object.fromEntries(Object.entries(rest.byLang).map(([l, s]) => [l, onlyCompared(s, compared)])) };
    return JSON.stringify(opts.errors ? { ...shown, errors } : { ...shown, errorCount: errors.length }, null, 2) + '\n';
  }
  const who = result.rater.kind === 'tool' ? `codebook ${result.codebook.name} ${result.codebook.version}` : `second coder ${result.rater.file} against the gold (the tool is not run${result.rater.compared ? `; the second coder gave ${result.rater.compared.join(', ')} only` : ''})`;
  const lines: string[] = [`twocities evaluate — ${who} (bootstrap over documents: ${result.reps} reps, seed ${result.seed}; 95% intervals)`];
  const columns = result.rater.kind === 'tool' ? 'decided' : 'second coder';
  for (const [l, s] of Object.entries(result.byLang)) lines.push('', ...sliceText(l, s, columns, compared));
  lines.push('', ...sliceText('all', result.overall, columns, compared));
  if (opts.errors) {
    let family = '';
    lines.push('', `errors: ${result.errors.length}`);
    for (const e of result.errors) {
      if (e.family !== family) {
        family = e.family;
        lines.push(``, `-- ${family}`);
      }
      lines.push(`[${e.doc}] ${e.text}`, `    gold: ${e.gold}   decided: ${e.decided}`, `    evidence: ${e.evidence}`);
    }
  } else lines.push('', `${result.errors.length} wrong decisions (use --errors to list them)`);
  return lines.join('\n') + '\n';
}
