/** Model files written by the learned-part tests: a code model that raises nothing, and a codebook that loads a file. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { builtinCodebook, loadCodebook, type Codebook } from '../../src/codebook/index.js';
import { DEFAULT_FEATURES, DEFAULT_TRAINING, MODEL_FORMAT, type LangModelJson, type ModelFileJson } from '../../src/coder/model.js';

const builtin = builtinCodebook();
const RULES_YAML = builtin.yaml.replace(/^model:.*\n/mu, '');

/** A model file whose code model raises nothing, with the given optional parts. */
export function bareModelFile(extra: Partial<Pick<ModelFileJson, 'denial' | 'tone' | 'voice'>> = {}): ModelFileJson {
  const none: LangModelJson = { units: 1, features: [], codes: builtin.codes.map((c) => ({ code: c.id, bias: -9, threshold: null, idx: [], w: [] })), cv: { rulesMacroF1: 0, combinedMacroF1: 0, nestedMacroF1: 0, codes: [] } };
  return { format: MODEL_FORMAT, codebook: { name: builtin.name, yamlHash: 'fixture' }, training: { files: [], hash: 'fixture' }, features: DEFAULT_FEATURES, settings: DEFAULT_TRAINING, langs: { en: none }, ...extra };
}

/** The built-in rules with `json` as their model, loaded from a folder as a user's codebook is (no model message expected). */
export function withModel(json: ModelFileJson): Codebook {
  const dir = mkdtempSync(join(tmpdir(), 'tc-model-file-'));
  const file = join(dir, 'cb.yaml');
  const yaml = `${RULES_YAML.trimEnd()}\nmodel: m.json\n`;
  writeFileSync(file, yaml);
  writeFileSync(join(dir, 'm.json'), JSON.stringify(json));
  const { codebook, messages } = loadCodebook(yaml, file);
  expect(messages.filter((m) => m.ruleId.startsWith('codebook:model'))).toEqual([]);
  return codebook as Codebook;
}
