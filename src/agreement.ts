/**
 * Agreement of the machine's stored decisions with the human reviews made in the dashboard:
 * per-code precision/recall/F1 (human as gold), voice and tone accuracy, Cohen's kappa and
 * Krippendorff's alpha. The kappa and alpha formulas are those of `evaluate.ts` (one definition).
 */
import type { FamilyAgreement, Prf, Reliability } from './api-types.js';
import { cohenKappa, krippendorffAlpha } from './evaluate.js';
import type { ReviewPair } from './store/index.js';

// The figures' shapes are wire types: the dashboard reads them as they are declared here.
export type { FamilyAgreement, Reliability } from './api-types.js';

/**
 * Precision, recall and F1 from counts (1 when there is nothing to find and nothing was found).
 *
 * @example
 * prfOf(8, 2, 2).f1; // 0.8
 */
export function prfOf(tp: number, fp: number, fn: number): Prf {
  const precision = tp + fp === 0 ? (fn === 0 ? 1 : 0) : tp / (tp + fp);
  const recall = tp + fn === 0 ? (fp === 0 ? 1 : 0) : tp / (tp + fn);
  const f1 = tp === 0 ? (fp + fn === 0 ? 1 : 0) : (2 * tp) / (2 * tp + fp + fn);
  return { tp, fp, fn, precision, recall, f1 };
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/**
 * Accuracy, kappa, alpha and confusion table of nominal (human, machine) pairs.
 *
 * @example
 * familyAgreement([['tokyo', 'tokyo'], ['author', 'tokyo']]).accuracy; // 0.5
 */
export function familyAgreement(pairs: ReadonlyArray<[string, string]>): FamilyAgreement {
  const confusion: Record<string, Record<string, number>> = {};
  let agree = 0;
  for (const [h, m] of pairs) {
    if (h === m) agree++;
    const row = (confusion[h] ??= {});
    row[m] = (row[m] ?? 0) + 1;
  }
  return {
    units: pairs.length,
    accuracy: pairs.length ? agree / pairs.length : null,
    kappa: finite(cohenKappa(pairs)),
    alpha: finite(krippendorffAlpha(pairs)),
    confusion,
  };
}

/**
 * Agreement of machine decisions with the latest human reviews over the given codes.
 *
 * @example
 * const r = reliability(store.reviewPairs(cb.version), cb.codes.map((c) => c.id));
 * r.voice.kappa;
 */
export function reliability(pairs: readonly ReviewPair[], codes: readonly string[]): Reliability {
  const coded = pairs.filter((p): p is ReviewPair & { machine: NonNullable<ReviewPair['machine']> } => p.machine !== null);
  const perCode: Reliability['codes'] = {};
  const negated: Reliability['negated'] = {};
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const count = (code: string, human: (p: (typeof coded)[number]) => string[], machine: (p: (typeof coded)[number]) => string[]): { c: Prf; presence: Array<[string, string]> } => {
    let t = 0;
    let f = 0;
    let n = 0;
    const presence: Array<[string, string]> = [];
    for (const p of coded) {
      const h = human(p).includes(code);
      const m = machine(p).includes(code);
      if (h && m) t++;
      else if (m) f++;
      else if (h) n++;
      presence.push([h ? 'yes' : 'no', m ? 'yes' : 'no']);
    }
    return { c: prfOf(t, f, n), presence };
  };
  for (const code of codes) {
    const { c, presence } = count(code, (p) => p.human.codes, (p) => p.machine.codes);
    perCode[code] = { ...c, kappa: finite(cohenKappa(presence)), alpha: finite(krippendorffAlpha(presence)) };
    tp += c.tp;
    fp += c.fp;
    fn += c.fn;
    negated[code] = count(code, (p) => p.human.negated, (p) => p.machine.negated).c;
  }
  return {
    units: coded.length,
    uncoded: pairs.length - coded.length,
    documents: new Set(coded.map((p) => p.docId)).size,
    voice: familyAgreement(coded.map((p) => [p.human.voice, p.machine.voice])),
    tone: familyAgreement(coded.map((p) => [p.human.tone, p.machine.tone])),
    codes: perCode,
    micro: prfOf(tp, fp, fn),
    negated,
  };
}
