// Which eval/ files the learned parts are trained on, how they group into families, and how a model file is read back.
// Shared by scripts/train-model.mjs, scripts/cv-eval.mjs, scripts/dev-eval.mjs and the model tests, so the list lives in one place.
import { basename } from 'node:path';
import { readModelFile } from '../../dist/codebook/index.js';
import { buildModel } from '../../dist/coder/model.js';

/**
 * Training files: the session-1 files, every `trainN-` batch, and val4 (the validation set of rounds 4-6, retired into training).
 * @example TRAIN.test('train8-en-1.jsonl') // true
 */
export const TRAIN = /^(?:train-codes-|train-voice-|units-|train\d+-|val4-).*\.jsonl$/u;
/** The same selection as a glob, recorded in the model file. */
export const TRAIN_GLOB = 'eval/{train-codes-,train-voice-,units-,train[0-9]-,train[0-9][0-9]-,val4-}*.jsonl';
/**
 * Training files of the code and denial models only, not of the tone and voice models: batches whose writers' voice and
 * tone calls part from dev's (its author's) while their codes agree (eval/README-codes.md, "Round 16"): the round-13 era
 * batches, the round-14 waves and the round-16 code batches.
 * @example CODES_ONLY.test('wave14-en-3.jsonl') // true
 */
export const CODES_ONLY = /^(?:era\d+|wave\d+|codes\d+)-.*\.jsonl$/u;
/** The code-only files as a glob, recorded in the model file. */
export const CODES_ONLY_GLOB = 'eval/{era[0-9][0-9]-,wave[0-9][0-9]-,codes[0-9][0-9]-}*.jsonl';
/**
 * Never trained on, whatever their names: the acceptance set, the blind sets, the check sets, the validation set (val5)
 * and the measuring batches (`measure16-`: written like the training batches, kept out to measure on).
 */
export const NEVER = /^(?:dev|check|check2|blind\d|holdout|val[5-9]|measure\d)/u;

/**
 * Whether the learned parts train on a file of eval/, and which: 'all' (TRAIN), 'codes' (CODES_ONLY) or null (neither, or NEVER).
 * @example trainingUse('wave14-en-1.jsonl') // 'codes'
 */
export const trainingUse = (f) => (NEVER.test(f) ? null : TRAIN.test(f) ? 'all' : CODES_ONLY.test(f) ? 'codes' : null);

/**
 * The family a training file belongs to (one batch of one session), for held-out figures by family.
 * @example family('train7-en-3.jsonl') // 'train7'; family('wave14-en-2.jsonl') // 'wave14'
 */
export const family = (f) => /^(?:train|era|wave|codes)\d+(?=-)/u.exec(f)?.[0] ?? (/^val4-/u.test(f) ? 'val4' : 'session1');

/**
 * Read a model file written by scripts/train-model.mjs into the coder's model, or throw naming the file.
 * Plain JSON or gzip (`.gz`), as the codebook loader reads them.
 * @example const model = modelOf('/tmp/m.json', codebook.codes.map((c) => c.id));
 */
export function modelOf(file, codes, who = 'scripts') {
  const built = buildModel(JSON.parse(readModelFile(file)), basename(file), codes);
  if ('problem' in built) throw new Error(`${who}: ${file}: ${built.problem}`);
  return built.model;
}
