/**
 * Small YAML inputs (import profiles, gold maps) parsed and checked against a zod schema, with every
 * problem returned as a message at its line and column.
 */
import { isMap, isNode, isScalar, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { makeMessage } from './messages.js';
import type { Message } from './types.js';

/**
 * Parse YAML text and validate it; YAML syntax errors and schema issues come back as fatal messages
 * (rule ids `<source>:yaml` and `<source>:schema`) pointing at the deepest node present in the file.
 *
 * @example
 * const { data, messages } = parseYamlInput('columns: {text: Headline}\n', 'p.yaml', ProfileSchema, 'profile');
 */
export function parseYamlInput<S extends z.ZodType>(text: string, file: string, schema: S, source: string): { data?: z.infer<S>; messages: Message[] } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined): { line?: number; column?: number } => {
    if (offset === undefined) return {};
    const p = lc.linePos(offset);
    return { line: p.line, column: p.col };
  };
  if (doc.errors.length > 0) {
    return { messages: doc.errors.map((e) => makeMessage(source, `${source}:yaml`, 'fatal', `not valid YAML: ${e.message.split('\n')[0] ?? ''}`, { file, ...at(e.pos[0]) })) };
  }
  const parsed = schema.safeParse(doc.toJS() ?? {});
  if (parsed.success) return { data: parsed.data, messages: [] };
  return {
    messages: parsed.error.issues.map((issue) => {
      const path = issue.path.map((k) => (typeof k === 'symbol' ? String(k) : k));
      let node: unknown;
      // Point at the deepest part of the path present in the file.
      while (path.length > 0 && !isNode((node = doc.getIn(path, true)))) path.pop();
      if (path.length === 0) node = doc.contents;
      let range = isNode(node) ? node.range : undefined;
      // An unknown key is pointed at the key itself, not at the object holding it.
      const extraKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
      if (extraKey !== undefined && isMap(node)) {
        const pair = node.items.find((it) => isScalar(it.key) && String(it.key.value) === extraKey);
        if (pair && isNode(pair.key)) range = pair.key.range;
      }
      const where = issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
      return makeMessage(source, `${source}:schema`, 'fatal', `${where}${issue.message}`, { file, ...at(range?.[0]) });
    }),
  };
}
