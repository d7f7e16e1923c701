/**
 * Codebooks: load a YAML codebook (errors with line:column), check its quality, and compile all of
 * its patterns into one matcher. A `Codebook` is frozen; every load builds a new one.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { makeMessage } from '../messages.js';
import type { Message, Place } from '../types.js';
import { buildModel, type CodeModel } from '../coder/model.js';
import { previousInputs } from '../coder/net.js';
import { buildMatcher, type Matcher, type PatternEntry } from './matcher.js';
import { compilePattern, patternLang } from './pattern.js';
import { CODE_ROLES, type CodeRole } from './roles.js';
import { codebookSchema, type CodebookSpec, type LangPatterns } from './schema.js';

export type { Matcher, PatternEntry, ScanHit, Normalized } from './matcher.js';
export { normalize, toOriginal } from './matcher.js';
export { compilePattern } from './pattern.js';
export type { CodebookSpec } from './schema.js';
export { CODE_ROLES, type CodeRole };

/** What a code lends to tone. */
export interface CodeInfo {
  id: string;
  label: string;
  description: string;
  tone: 'positive' | 'negative' | 'neutral';
  deniedTone: 'positive' | 'negative' | 'neutral';
  /** What the code is to the coder's structural rules (absent: patterns only). */
  role?: CodeRole;
}

/** A loaded, compiled, immutable codebook. */
export interface Codebook {
  readonly name: string;
  /** sha256 of the YAML text, first 12 hex digits. */
  readonly version: string;
  readonly sides: readonly string[];
  readonly codes: readonly CodeInfo[];
  readonly yaml: string;
  /** The parsed file. */
  readonly spec: CodebookSpec;
  /** Every pattern, compiled into one scanner. */
  readonly matcher: Matcher;
  /** The learned model named by the `model:` key, when there is one and it loaded. */
  readonly model?: CodeModel;
}

/** Where a codebook's `model:` file is looked for. */
export interface LoadOptions {
  /** The folder holding the codebook (default: the folder of `file`). */
  dir?: string;
}

/** Read and check the model a codebook names; problems are warnings (the codebook then codes with its rules alone). */
function readModel(spec: CodebookSpec, at: Place, file: string | undefined, options: LoadOptions): { model?: CodeModel; text?: string; messages: Message[] } {
  if (!spec.model) return { messages: [] };
  const warn = (reason: string): { messages: Message[] } => ({ messages: [makeMessage(SOURCE, 'codebook:model', 'warning', `model ${spec.model}: ${reason}; coding with the rules alone`, at)] });
  // A codebook given as text (from a store, a worker, a test) has no folder: it codes with its rules, and says so.
  const dir = options.dir ?? (file && existsSync(file) ? dirname(file) : undefined);
  if (dir === undefined) return { messages: [makeMessage(SOURCE, 'codebook:model', 'info', `model ${spec.model}: the codebook was given as text, with no folder to find its model in; coding with the rules alone`, at)] };
  const path = resolve(dir, spec.model);
  const rel = relative(resolve(dir), path);
  if (rel.startsWith('..') || isAbsolute(rel)) return warn("it is outside the codebook's folder");
  let text: string;
  try {
    text = readModelFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return warn(code && !code.startsWith('Z_') ? `cannot be read (${code})` : `is not a readable gzip file (${(e as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return warn(`is not valid JSON (${(e as Error).message})`);
  }
  const built = buildModel(json, spec.model, spec.codes.map((c) => c.id), [...Object.keys(spec.sides), 'author']);
  if ('problem' in built) return warn(built.problem);
  return { model: built.model, text, messages: [] };
}

/**
 * The text of a model file: JSON, or JSON compressed with gzip when the name ends in `.gz` (the shipped model is, to stay
 * small in the package and the repository). Throws as `readFileSync` and `gunzipSync` do.
 *
 * @example
 * const json = JSON.parse(readModelFile('codebooks/us-japan.model.json.gz'));
 */
export function readModelFile(path: string): string {
  const bytes = readFileSync(path);
  return (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

const SOURCE = 'codebook';

function placeOf(doc: Document, lc: LineCounter, path: ReadonlyArray<PropertyKey>, file?: string): Place {
  // Walk up the path until a node with a range exists (a missing key points at its parent).
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as unknown[], true) as { range?: [number, number, number] } | undefined;
    const range = node && typeof node === 'object' ? node.range : undefined;
    if (range) {
      const pos = lc.linePos(range[0]);
      return { file, line: pos.line, column: pos.col };
    }
  }
  return { file };
}

function forEachPattern(spec: CodebookSpec, fn: (entry: PatternEntry, path: Array<string | number>) => void): void {
  const visit = (lp: LangPatterns | undefined, kind: string, owner: string, ruleBase: string, path: Array<string | number>): void => {
    if (!lp) return;
    for (const lang of ['en', 'ja'] as const) {
      (lp[lang] ?? []).forEach((text, i) => fn({ kind, owner, text, rule: `${ruleBase}/${lang}:${i}`, lang }, [...path, lang, i]));
    }
  };
  for (const [name, side] of Object.entries(spec.sides)) {
    visit(side.cues, 'cue', name, `side:${name}/cue`, ['sides', name, 'cues']);
    visit(side.frames, 'frame', name, `side:${name}/frame`, ['sides', name, 'frames']);
    visit(side.speakers, 'speaker', name, `side:${name}/speaker`, ['sides', name, 'speakers']);
    visit(side.datelines, 'dateline', name, `side:${name}/dateline`, ['sides', name, 'datelines']);
  }
  const a = spec.attribution;
  const attr: Array<[LangPatterns | undefined, string]> = [
    [a.verbs, 'verb'],
    [a.verbsBefore, 'verb-before'],
    [a.nouns, 'noun'],
    [a.reactions, 'reaction'],
    [a.holders, 'holder'],
    [a.continuation, 'continuation'],
    [a.home, 'home'],
    [a.interviewer, 'interviewer'],
    [a.interviewee, 'interviewee'],
  ];
  const attrKeys = ['verbs', 'verbsBefore', 'nouns', 'reactions', 'holders', 'continuation', 'home', 'interviewer', 'interviewee'];
  attr.forEach(([lp, kind], i) => visit(lp, kind, '', `attribution:${kind}`, ['attribution', attrKeys[i] as string]));
  const n = spec.negation;
  visit(n.forward, 'neg-forward', '', 'negation:forward', ['negation', 'forward']);
  visit(n.backward, 'neg-backward', '', 'negation:backward', ['negation', 'backward']);
  visit(n.absence, 'neg-absence', '', 'negation:absence', ['negation', 'absence']);
  visit(n.ignore, 'neg-ignore', '', 'negation:ignore', ['negation', 'ignore']);
  visit(n.dismissals, 'dismissal', '', 'negation:dismissal', ['negation', 'dismissals']);
  visit(n.anaphora, 'anaphora', '', 'negation:anaphora', ['negation', 'anaphora']);
  visit(spec.tone.positive, 'tone-positive', '', 'tone:positive', ['tone', 'positive']);
  visit(spec.tone.negative, 'tone-negative', '', 'tone:negative', ['tone', 'negative']);
  spec.codes.forEach((c, ci) => {
    visit({ en: c.en, ja: c.ja }, 'code', c.id, `code:${c.id}`, ['codes', ci]);
    visit(c.deny, 'deny', c.id, `code:${c.id}/deny`, ['codes', ci, 'deny']);
    visit(c.exclude, 'exclude', c.id, `code:${c.id}/exclude`, ['codes', ci, 'exclude']);
  });
}

interface Parsed {
  spec?: CodebookSpec;
  doc?: Document;
  lc: LineCounter;
  messages: Message[];
}

function parse(text: string, file?: string): Parsed {
  const lc = new LineCounter();
  const messages: Message[] = [];
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  for (const e of doc.errors) {
    const pos = lc.linePos(e.pos[0]);
    messages.push(makeMessage(SOURCE, 'codebook:yaml', 'fatal', e.message.split('\n')[0] ?? e.message, { file, line: pos.line, column: pos.col }));
  }
  if (messages.length > 0) return { lc, messages };
  const result = codebookSchema.safeParse(doc.toJS());
  if (!result.success) {
    for (const issue of result.error.issues) {
      const where = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
      messages.push(makeMessage(SOURCE, 'codebook:schema', 'fatal', `${where}: ${issue.message}`, placeOf(doc, lc, issue.path, file)));
    }
    return { doc, lc, messages };
  }
  const spec = result.data;
  const sides = Object.keys(spec.sides);
  if (sides.length < 2) messages.push(makeMessage(SOURCE, 'codebook:sides', 'fatal', 'a codebook needs at least two sides', placeOf(doc, lc, ['sides'], file)));
  if (sides.includes('author')) messages.push(makeMessage(SOURCE, 'codebook:sides', 'fatal', '"author" is the voice of no side and cannot be a side name', placeOf(doc, lc, ['sides', 'author'], file)));
  const seen = new Set<string>();
  spec.codes.forEach((c, i) => {
    if (seen.has(c.id)) messages.push(makeMessage(SOURCE, 'codebook:duplicate-code', 'fatal', `code "${c.id}" is declared twice`, placeOf(doc, lc, ['codes', i, 'id'], file)));
    seen.add(c.id);
  });
  forEachPattern(spec, (entry, path) => {
    const r = compilePattern(entry.text);
    if (r.error) messages.push(makeMessage(SOURCE, 'codebook:pattern-never-matches', 'warning', `${entry.rule}: ${r.error}; it can never match`, placeOf(doc, lc, path, file)));
    else if (r.pattern && !r.pattern.raw && patternLang(entry.text) !== entry.lang) {
      messages.push(makeMessage(SOURCE, 'codebook:pattern-language', 'warning', `${entry.rule}: pattern "${entry.text}" is listed under ${entry.lang} but written in ${patternLang(entry.text)}`, placeOf(doc, lc, path, file)));
    }
  });
  return { spec, doc, lc, messages };
}

/**
 * Load and compile a codebook from YAML text. Errors come back as messages with line and column;
 * `codebook` is absent when there is any fatal error.
 *
 * @example
 * const { codebook, messages } = loadCodebook(readFileSync('codebooks/us-japan.yaml', 'utf8'), 'us-japan.yaml');
 */
export function loadCodebook(text: string, file?: string, options: LoadOptions = {}): { codebook?: Codebook; messages: Message[] } {
  const { spec, doc, lc, messages } = parse(text, file);
  if (!spec || !doc || messages.some((m) => m.severity === 'fatal')) return { messages };
  const entries: PatternEntry[] = [];
  forEachPattern(spec, (e) => entries.push(e));
  const model = readModel(spec, placeOf(doc, lc, ['model'], file), file, options);
  messages.push(...model.messages);
  // The version covers the model file too: retraining changes the decisions, so it is a new codebook.
  const hash = createHash('sha256').update(text);
  if (model.text !== undefined) hash.update('\u0000model\u0000').update(model.text);
  const codebook: Codebook = Object.freeze({
    name: spec.name,
    version: hash.digest('hex').slice(0, 12),
    sides: Object.freeze(Object.keys(spec.sides)),
    codes: Object.freeze(spec.codes.map((c) => Object.freeze({ id: c.id, label: c.label, description: c.description, tone: c.tone, deniedTone: c.deniedTone, ...(c.role ? { role: c.role } : {}) }))),
    yaml: text,
    spec: deepFreeze(spec),
    matcher: buildMatcher(entries, spec.readings),
    ...(model.model ? { model: model.model } : {}),
  });
  return { codebook, messages };
}

interface CodeIndex {
  byId: Map<string, CodeInfo>;
  byRole: Map<CodeRole, string>;
}
const indexCache = new WeakMap<Pick<Codebook, 'codes'>, CodeIndex>();
function codeIndex(cb: Pick<Codebook, 'codes'>): CodeIndex {
  let ix = indexCache.get(cb);
  if (!ix) {
    ix = { byId: new Map(cb.codes.map((c) => [c.id, c])), byRole: new Map() };
    for (const c of cb.codes) if (c.role && !ix.byRole.has(c.role)) ix.byRole.set(c.role, c.id);
    indexCache.set(cb, ix);
  }
  return ix;
}

/**
 * A codebook's codes by id, built once per codebook.
 *
 * @example
 * codeInfo(cb).get('reassurance')?.tone; // 'positive'
 */
export function codeInfo(cb: Pick<Codebook, 'codes'>): ReadonlyMap<string, CodeInfo> {
  return codeIndex(cb).byId;
}

/**
 * The id of the code that holds a role (`CODE_ROLES`), or undefined when no code holds it (its rules are then off).
 *
 * @example
 * roleCode(cb, 'abandonment'); // 'abandonment' in codebooks/us-japan.yaml
 */
export function roleCode(cb: Pick<Codebook, 'codes'>, role: CodeRole): string | undefined {
  return codeIndex(cb).byRole.get(role);
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o as object)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

/** Words of a plain pattern (no gaps, stems, alternatives, regex), or null. */
function plainWords(text: string): string | null {
  if (text.startsWith('re:') || /[{}~?…]|\.\.\./.test(text)) return null;
  return text.normalize('NFKC').trim().replace(/\s+/g, ' ');
}

/**
 * Validate a codebook and warn about its quality: patterns that can never match, patterns shadowed
 * by another of the same rule (identical, or containing a shorter one), codes without English or
 * Japanese patterns, codes without any way to be negated.
 *
 * @example
 * for (const m of checkCodebook(text, 'my.yaml')) console.log(formatMessage(m));
 */
export function checkCodebook(text: string, file?: string, options: LoadOptions = {}): Message[] {
  const { spec, doc, lc, messages } = parse(text, file);
  if (!spec || !doc) return messages;
  const at = (path: ReadonlyArray<PropertyKey>): Place => placeOf(doc, lc, path, file);
  // Problems with the model only; its figures are printed by `codebook check` (see `describeModel`).
  messages.push(...readModel(spec, at(['model']), file, options).messages.filter((m) => m.severity !== 'info'));
  // Shadowing: within one kind+owner+language, a plain pattern containing another plain one adds nothing.
  const groups = new Map<string, Array<{ entry: PatternEntry; path: Array<string | number>; plain: string }>>();
  forEachPattern(spec, (entry, path) => {
    const plain = plainWords(entry.text);
    if (plain === null || compilePattern(entry.text).error) return;
    const key = `${entry.kind}\u0000${entry.owner}\u0000${entry.lang}`;
    const list = groups.get(key);
    const item = { entry, path, plain };
    if (list) list.push(item);
    else groups.set(key, [item]);
  });
  for (const list of groups.values()) {
    for (const b of list) {
      for (const a of list) {
        if (a === b) continue;
        const same = a.plain.toLowerCase() === b.plain.toLowerCase() && (a.plain === b.plain || !/[A-Z]/.test(a.plain + b.plain));
        if (same && a.path.join('.') > b.path.join('.')) continue;
        const contained = !same && !/[A-Z]/.test(a.entry.text) && (b.entry.lang === 'ja' ? b.plain.startsWith(a.plain) && !/[るうくぐすつぬぶむい]$/.test(a.plain) : new RegExp(`(^|\\s)${a.plain.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s|$)`, 'i').test(b.plain));
        if (same || contained) {
          messages.push(makeMessage(SOURCE, 'codebook:pattern-shadowed', 'warning', `${b.entry.rule}: "${b.entry.text}" is ${same ? 'a duplicate of' : 'shadowed by'} "${a.entry.text}" (${a.entry.rule})`, at(b.path)));
          break;
        }
      }
    }
  }
  spec.codes.forEach((c, i) => {
    if (c.en.length === 0) messages.push(makeMessage(SOURCE, 'codebook:code-without-en', 'warning', `code "${c.id}" has no English patterns`, at(['codes', i, 'en'])));
    if (c.ja.length === 0) messages.push(makeMessage(SOURCE, 'codebook:code-without-ja', 'warning', `code "${c.id}" has no Japanese patterns`, at(['codes', i, 'ja'])));
    for (const lang of ['en', 'ja'] as const) {
      const neg = spec.negation;
      const generic = (neg.forward[lang]?.length ?? 0) + (neg.backward[lang]?.length ?? 0);
      if ((c.deny?.[lang]?.length ?? 0) === 0 && generic === 0) {
        messages.push(makeMessage(SOURCE, 'codebook:code-without-negation', 'warning', `code "${c.id}" cannot be negated in ${lang}: no deny patterns and no ${lang} negation cues`, at(['codes', i])));
      }
    }
  });
  // A role no code holds turns the coder's rules for it off: a codebook with other ids says which code plays each part.
  const held = new Set(spec.codes.map((c) => c.role));
  for (const role of CODE_ROLES) {
    if (!held.has(role)) messages.push(makeMessage(SOURCE, 'codebook:role-unheld', 'info', `no code has role: ${role}; the coder's structural rules for it are off (${ROLE_RULES.get(role) ?? ''})`, at(['codes'])));
  }
  for (const [name, side] of Object.entries(spec.sides)) {
    for (const lang of ['en', 'ja'] as const) {
      if ((side.cues[lang]?.length ?? 0) === 0) messages.push(makeMessage(SOURCE, 'codebook:side-without-cues', 'warning', `side "${name}" has no ${lang} attribution cues`, at(['sides', name, 'cues'])));
    }
  }
  return messages;
}

/**
 * The hash a learned model records of the codebook text it was trained with (`codebook check` compares it).
 *
 * @example
 * rulesHash(readFileSync('codebooks/us-japan.yaml', 'utf8')); // 12 hex digits
 */
export function rulesHash(yaml: string): string {
  return createHash('sha256').update(yaml).digest('hex').slice(0, 12);
}

/**
 * Lines about a codebook's learned model for `codebook check`: training size, cross-validated figures,
 * the codes it may raise, and whether the rules changed since it was trained.
 *
 * @example
 * const { codebook } = loadCodebook(text, file); if (codebook?.model) describeModel(codebook.model, text).forEach((l) => print(l));
 */
export function describeModel(model: CodeModel, yaml: string): string[] {
  const s = model.summary;
  const out: string[] = [];
  const units = s.training.files.reduce((a, f) => a + f.units, 0);
  const codesOnly = s.training.files.filter((f) => f.codesOnly === true);
  const only = codesOnly.length > 0 ? `; ${codesOnly.reduce((a, f) => a + f.units, 0)} units from ${codesOnly.length} of them train the code and denial models only` : '';
  out.push(`model ${model.file}: trained on ${units} units from ${s.training.files.length} files (hash ${s.training.hash.slice(0, 12)})${only}`);
  for (const l of s.langs) {
    const on = l.thresholds.filter((t) => t.threshold !== null).map((t) => t.code);
    // With a simulated rule-miss share the "rules" figure counts that share of the rules' raises as missed (fresh text's regime).
    const miss = s.settings.ruleMiss ?? 0;
    const rulesLabel = miss > 0 ? `rules with ${Math.round(miss * 100)}% of their raises counted as missed` : 'rules';
    out.push(`model ${l.lang}: ${l.units} units, ${l.features} features; cross-validated codes macro-F1 ${rulesLabel} ${l.cv.rulesMacroF1.toFixed(3)} -> rules+model ${l.cv.combinedMacroF1.toFixed(3)} (thresholds chosen on other folds: ${(l.cv.nestedMacroF1 ?? l.cv.combinedMacroF1).toFixed(3)}); raises ${on.length > 0 ? on.join(', ') : 'no code'}`);
  }
  for (const [lang, lm] of model.langs) {
    if (lm.veto) out.push(`model ${lang} veto: a pattern's raise is set aside where the code model gives it under ${lm.veto.below} (over the ${lm.veto.patterns.size} patterns that raised codes in training)`);
  }
  for (const l of s.denial ?? []) {
    const on = l.thresholds.filter((t) => t.threshold !== null).map((t) => t.code);
    out.push(`model ${l.lang} denial: ${l.units} units with a negation cue, ${l.features} features; cross-validated negated macro-F1 rules ${l.cv.rulesMacroF1.toFixed(3)} -> rules+model ${l.cv.combinedMacroF1.toFixed(3)} (thresholds chosen on other folds: ${l.cv.nestedMacroF1.toFixed(3)}); denies ${on.length > 0 ? on.join(', ') : 'no code'}`);
  }
  for (const [lang, lm] of model.denial ?? []) {
    const v = lm.veto;
    if (v) out.push(`model ${lang} denial veto: a pattern's negation is undone where the denial model gives it under ${v.below}${v.raiseAt !== undefined ? `, and the code raised instead where the code model gives it ${v.raiseAt} or more` : ''} (over the ${v.patterns.size} patterns that negated codes in training)`);
  }
  for (const l of s.voice ?? []) {
    out.push(`model ${l.lang} voice: ${l.units} units, ${l.features} features, margin ${l.margin}; cross-validated voice accuracy rules ${l.cv.rulesAccuracy.toFixed(3)} -> with the voice model ${l.cv.combinedAccuracy.toFixed(3)} (${l.cv.changed} units changed)`);
  }
  for (const l of s.tone ?? []) {
    out.push(`model ${l.lang} tone: ${l.units} units, ${l.features} features; cross-validated tone accuracy coder ${l.cv.rulesAccuracy.toFixed(3)} -> with the tone model ${l.cv.combinedAccuracy.toFixed(3)} (${l.cv.changed} units changed)`);
  }
  for (const l of s.net ?? []) {
    const net = model.net?.get(l.lang);
    const readsPrevious = net !== undefined && previousInputs(net).size > 0;
    const cv = l.cv ? `; out of ${l.cv.folds} folds (the network alone) codes macro-F1 ${l.cv.codesMacroF1.toFixed(3)}, denied micro-F1 ${l.cv.deniedMicroF1.toFixed(3)}${l.cv.toneAccuracy === undefined ? '' : `, tone accuracy ${l.cv.toneAccuracy.toFixed(3)}`}` : '';
    const tone = l.at.tone === undefined ? 'never overrules the tone' : `overrules the tone from ${l.at.tone}`;
    out.push(`model ${l.lang} net: ${l.units} units, ${l.inputs} inputs, ${l.hidden} hidden units, ${l.outputs} outputs; raises a code from ${l.at.raise} and denies one from ${l.at.deny} where nothing else was decided${l.at.beside === undefined ? '' : ` (${l.at.beside} beside a decision, or for a denial with no negation cue${readsPrevious ? ' of a code the previous unit did not raise' : ''})`}${readsPrevious ? '; reads the codes the previous unit raised' : ''}; ${tone}${cv}`);
  }
  // Thresholds were chosen for the rules as they were; edited rules call for a retrain.
  const hash = rulesHash(yaml);
  if (hash !== s.codebook.yamlHash) out.push(`model ${model.file}: trained with another version of this codebook's rules (${s.codebook.yamlHash}, now ${hash}); retrain with npm run train-model`);
  return out;
}

/** What each role's rules do, for `codebook check` (see `CODE_ROLES`). */
const ROLE_RULES: ReadonlyMap<CodeRole, string> = new Map<CodeRole, string>([
  ['abandonment', 'a commitment the ally might not keep raises it; the ally\'s commitment under a denial negates it'],
  ['reassurance', 'a Japanese pledge under a denial is negated only when noted as absent; a denied fear inside a promise raises it'],
  ['call', 'a reported call still judges the relationship; "not anti-American, but ..." introduces it'],
  ['demand', 'a plain demand only reported lends no tone'],
  ['imbalance', 'an answer that the host pays denies it'],
  ['passing', 'beside a code the rules raised, the learned model adds it only where a third party is named'],
]);

let builtin: Codebook | undefined;

/**
 * The built-in `us-japan` codebook (`codebooks/us-japan.yaml`), compiled once (it is immutable).
 *
 * @example
 * const cb = builtinCodebook(); cb.codes.length; // 10
 */
export function builtinCodebook(): Codebook {
  if (builtin) return builtin;
  const text = readFileSync(new URL('../../codebooks/us-japan.yaml', import.meta.url), 'utf8');
  const { codebook, messages } = loadCodebook(text, 'codebooks/us-japan.yaml', { dir: fileURLToPath(new URL('../../codebooks/', import.meta.url)) });
  if (!codebook) throw new Error(`codebook: the built-in codebook does not load: ${messages.map((m) => `${m.place.line ?? "?"}:${m.place.column ?? "?"} ${m.reason}`).join('; ')}`);
  builtin = codebook;
  return codebook;
}
