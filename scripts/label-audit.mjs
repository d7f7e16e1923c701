// Label audit of the training files: for each family of training files (as scripts/cv-eval.mjs groups them) the learned parts
// are retrained without that family and the family is labelled; a unit is listed where the held-out coder AND the rules alone
// both disagree with its gold label on a code (raised / negated / not raised) or on voice. Two independent readers disagreeing
// with the gold is where a wrong training label is likeliest; each candidate still needs reading against LABELS.md (most are
// coder errors). Tone is not audited here.
// Order: most confident first, by the held-out model's probability where one exists (the code model's probability of the
// disputed code; the voice model's score when it chose the voice), then the rest, rules and learned parts agreeing first.
// Usage: npx tsc -p tsconfig.build.json && node scripts/label-audit.mjs [--json] [--family NAME]... [--data DIR] [--set name=value]...
//   --json         one JSON array of candidates instead of the listing
//   --family NAME  audit only these families (session1, train3, ..., val4); training still leaves out only the audited family
//   --kind KIND    list only one kind: added (coders raise a code the gold lacks: the most telling), missed (gold raises a code
//                  neither coder finds: mostly coder recall), negated, voice
//   --data DIR     a frozen copy of eval/; --set passes a training setting on to scripts/train-model.mjs (as cv-eval.mjs)
// ~10 CPU-s of training per family (about 5 minutes for all on 2 shared cores): run it rarely.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalize } from '../dist/codebook/index.js';
import { codeProbabilities } from '../dist/coder/model.js';
import { heldOut, heldOutOptions } from './lib/heldout.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { dataDir, sets } = heldOutOptions(process.argv, root);
const only = process.argv.flatMap((a, i) => (a === '--family' ? [process.argv[i + 1]] : []));
const asJson = process.argv.includes('--json');
const kindAt = process.argv.indexOf('--kind');
const kind = kindAt > 0 ? process.argv[kindAt + 1] : undefined;
/** The kind of a candidate, for --kind. */
const kindOf = (c) => (c.field === 'codes' ? (c.gold === 'raised' ? 'missed' : 'added') : c.field);

/** A code's state in one label: raised, negated or absent. */
const stateOf = (label, code) => (label.codes.includes(code) ? 'raised' : label.negated.includes(code) ? 'negated' : '-');

/** What a labelled unit shows for one code: the cue of its raised or negated hit. */
function codeEvidence(out, code) {
  const r = out.evidence.codes.find((h) => h.code === code);
  if (r) return `${r.evidence.rule}: "${r.evidence.text}"`;
  const n = out.evidence.negated.find((h) => h.code === code);
  if (n) return `${n.evidence.rule}: "${n.evidence.text}" / "${n.negation?.text ?? ''}"`;
  return 'no cue';
}

const voiceEvidence = (out) => `${out.evidence.voiceHow}: "${out.evidence.voice?.text ?? ''}"`;

const candidates = [];
for (const { fam, file, units, langs, rules, learned, model } of heldOut({ root, dataDir, sets, who: 'label-audit', only })) {
  // Line numbers of the units in the file (parseUnits skips blank lines).
  const lines = readFileSync(join(dataDir, file), 'utf8').split('\n').flatMap((l, i) => (l.trim() === '' ? [] : [i + 1]));
  units.forEach((g, i) => {
    const r = rules[i], l = learned[i];
    const base = { family: fam, file, line: lines[i], doc: g.doc, lang: langs[i], text: g.text };
    if (r.voice !== g.voice && l.voice !== g.voice) {
      const score = l.evidence.voiceHow === 'model' ? l.evidence.voice?.model?.score ?? null : null;
      candidates.push({ ...base, field: 'voice', code: null, gold: g.voice, rules: r.voice, learned: l.voice, confidence: score, evidence: { rules: voiceEvidence(r), learned: voiceEvidence(l) } });
    }
    let probs;
    for (const code of new Set([...g.codes, ...g.negated, ...r.codes, ...r.negated, ...l.codes, ...l.negated])) {
      const gs = stateOf(g, code), rs = stateOf(r, code), ls = stateOf(l, code);
      if (rs === gs || ls === gs) continue;
      // Raised against not raised: the code model's probability says how sure the held-out reader is.
      probs ??= langs[i] === 'en' || langs[i] === 'ja' ? codeProbabilities(model, normalize(g.text).text, langs[i]) : new Map();
      const p = probs.get(code);
      const confidence = p === undefined ? null : gs === 'raised' && ls === '-' ? 1 - p : ls === 'raised' ? p : null;
      candidates.push({ ...base, field: gs === 'negated' || rs === 'negated' || ls === 'negated' ? 'negated' : 'codes', code, gold: gs, rules: rs, learned: ls, confidence, evidence: { rules: codeEvidence(r, code), learned: codeEvidence(l, code) } });
    }
  });
}

// Most confident first; without a probability, the rules and learned parts agreeing with each other first.
if (kind) candidates.splice(0, candidates.length, ...candidates.filter((c) => kindOf(c) === kind));
candidates.sort((a, b) => (b.confidence ?? -1) - (a.confidence ?? -1) || Number(b.rules === b.learned) - Number(a.rules === a.learned) || a.file.localeCompare(b.file) || a.line - b.line);

if (asJson) {
  process.stdout.write(JSON.stringify(candidates, null, 1) + '\n');
} else {
  const count = new Map();
  for (const c of candidates) count.set(`${c.family} ${c.field}`, (count.get(`${c.family} ${c.field}`) ?? 0) + 1);
  console.log(`${candidates.length} candidates (held-out coder and rules alone both disagree with the gold label)`);
  console.log([...count].map(([k, n]) => `${k}=${n}`).join('  '));
  for (const c of candidates) {
    const what = c.field === 'voice' ? 'voice' : `${c.field} ${c.code}`;
    const conf = c.confidence === null ? '  -  ' : c.confidence.toFixed(3);
    console.log(`\n${conf} ${c.file}:${c.line} ${c.doc} ${what}: gold ${c.gold} | rules ${c.rules} | learned ${c.learned}`);
    console.log(`   ${c.text}`);
    console.log(`   rules: ${c.evidence.rules}  learned: ${c.evidence.learned}`);
  }
}
