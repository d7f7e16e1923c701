/**
 * DOM helpers of the dashboard. Every piece of data is inserted as text (`textContent`, via
 * `inertText` so bidi overrides show as labels), never as HTML.
 */
import { inertText } from '../../src/report/format.js';

type Child = Node | string | number | null | undefined | false;

/**
 * Create an element with attributes and children; strings become inert text nodes.
 *
 * @example
 * document.body.append(h('p', { class: 'muted' }, 'No data'));
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | number | boolean | undefined> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    // Only safe attributes: no event handlers, and links only to this page's own routes.
    if (/^on/i.test(k)) throw new Error(`dom: event attribute ${k} refused`);
    if (k === 'href' && !String(v).startsWith('#')) throw new Error('dom: only in-page links');
    el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) append(el, c);
  return el;
}

/**
 * Append a child; strings are inert text.
 *
 * @example
 * append(cell, '12.3%');
 */
export function append(el: Node, c: Child): void {
  if (c === null || c === undefined || c === false) return;
  el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(inertText(String(c))) : c);
}

/** A span of a text to mark, offsets into the text. */
export interface Span {
  start: number;
  end: number;
  cls: string;
  title: string;
}

/**
 * The text with its spans wrapped in `<mark>` (overlaps share one mark with both classes), all as text nodes.
 *
 * @example
 * el.append(highlighted('Critics in Tokyo fear abandonment.', [{ start: 22, end: 33, cls: 'code', title: 'abandonment' }]));
 */
export function highlighted(text: string, spans: Span[]): DocumentFragment {
  const ok = spans.filter((s) => s.start >= 0 && s.end <= text.length && s.start < s.end);
  const cuts = [...new Set([0, text.length, ...ok.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  const frag = document.createDocumentFragment();
  for (let i = 0; i + 1 < cuts.length; i++) {
    const a = cuts[i] as number;
    const b = cuts[i + 1] as number;
    const on = ok.filter((s) => s.start <= a && s.end >= b);
    const piece = text.slice(a, b);
    if (on.length === 0) append(frag, piece);
    else frag.append(h('mark', { class: [...new Set(on.map((s) => s.cls))].join(' '), title: on.map((s) => s.title).join('; ') }, piece));
  }
  return frag;
}

/**
 * Replace the children of an element.
 *
 * @example
 * replace(main, h('h1', {}, 'Overview'));
 */
export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  for (const c of children) append(el, c);
}

/**
 * A share as a percentage with one decimal.
 *
 * @example
 * pct(0.123); // '12.3%'
 */
export function pct(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '–' : `${(x * 100).toFixed(1)}%`;
}

/**
 * A gap in signed percentage points.
 *
 * @example
 * pp(0.05); // '+5.0'
 */
export function pp(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  const s = (x * 100).toFixed(1);
  return s === '0.0' || s === '-0.0' ? '0.0' : x > 0 ? `+${s}` : s;
}
