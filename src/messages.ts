import type { Message, Place, Severity } from './types.js';

/**
 * Build a message about the input. Library code returns or collects these; only the CLI prints.
 *
 * @example
 * const m = makeMessage('clean', 'clean:repeated-paragraph', 'warning', 'paragraph repeated verbatim, counted once', { file: 'a.txt', paragraph: 12 });
 */
export function makeMessage(source: string, ruleId: string, severity: Severity, reason: string, place: Place = {}): Message {
  return { source, ruleId, severity, reason, place };
}

/** Format a place as `file:line:column`, `file p. 3`, `file ¶4 s12` — whatever is known. */
export function formatPlace(place: Place): string {
  let out = place.file ?? '';
  if (place.line !== undefined) {
    out += `:${place.line}`;
    if (place.column !== undefined) out += `:${place.column}`;
  }
  const extra: string[] = [];
  if (place.page !== undefined) extra.push(`p. ${place.page}`);
  if (place.paragraph !== undefined) extra.push(`paragraph ${place.paragraph + 1}`);
  if (place.sentence !== undefined) extra.push(`sentence ${place.sentence + 1}`);
  if (extra.length > 0) out += (out ? ' ' : '') + `(${extra.join(', ')})`;
  return out || '<input>';
}

/** One line for a terminal: `file:line: warning: reason [ruleId]`. */
export function formatMessage(m: Message): string {
  const where = Object.keys(m.place).length > 0 ? `${formatPlace(m.place)}: ` : '';
  return `${where}${m.severity}: ${m.reason} [${m.ruleId}]`;
}
