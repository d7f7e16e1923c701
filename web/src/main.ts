/**
 * The twocities dashboard: Overview (figures and charts with their filters), Evidence (the
 * sentences behind a figure), Document, Review (human decisions) and Reliability. Routes live in
 * the URL hash (`#/evidence?code=…&voice=…`) so every view can be bookmarked and shared.
 */
import type { DocumentResponse, EvidenceResponse, MetaResponse, OverlayResponse, OverlayUploadResponse, OverviewResponse, QueueResponse, ReliabilityResponse, ReviewResponse, TrendResponse } from '../../src/api-types.js';
import { trendWithOverlay } from '../../src/overlay-spec.js';
import { overviewSpec, trendSpec, type CellJson, type GapJson } from '../../src/report/charts.js';
import { showChart } from './chart.js';
import { h, highlighted, pct, pp, replace, type Span } from './dom.js';

type Meta = MetaResponse;
type EvidenceItem = EvidenceResponse['rows'][number] | QueueResponse['items'][number];

const FILTERS = ['from', 'to', 'source', 'lang', 'docSide', 'codebook', 'human', 'by'] as const;
const app = document.getElementById('app') as HTMLElement;
const status = document.getElementById('status') as HTMLElement;
let meta: Meta | undefined;

class ApiFailure extends Error {}

async function api<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(path, init);
  const body = (await res.json()) as { ok?: boolean; error?: string; errors?: Array<{ reason: string }> };
  if (!res.ok || body.ok === false) {
    const extra = (body.errors ?? []).map((e) => e.reason).join('; ');
    throw new ApiFailure(`${body.error ?? res.statusText}${extra ? ` (${extra})` : ''}`);
  }
  return body as T;
}

/** The route: page name and its parameters. */
function route(): { page: string; params: URLSearchParams } {
  const hash = location.hash.replace(/^#\/?/, '');
  const [page = '', query = ''] = hash.split('?', 2) as [string?, string?];
  return { page: page || 'overview', params: new URLSearchParams(query) };
}

/** The filter parameters of a route, as an API query string. */
function filterQuery(params: URLSearchParams, extra: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const k of FILTERS) {
    const v = params.get(k);
    if (v) q.set(k, v);
  }
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== '') q.set(k, v);
  return q.toString();
}

function link(page: string, params: URLSearchParams, extra: Record<string, string | undefined> = {}): string {
  return `#/${page}?${filterQuery(params, extra)}`;
}

function setStatus(text: string, cls = ''): void {
  status.className = cls;
  status.textContent = text;
}

function failure(e: unknown): HTMLElement {
  return h('p', { class: 'error' }, e instanceof Error ? e.message : String(e));
}

function filterForm(params: URLSearchParams, m: Meta, page: string): HTMLFormElement {
  const select = (name: string, label: string, options: Array<[string, string]>): HTMLElement => {
    const s = h('select', { name, 'aria-label': label });
    for (const [value, text] of options) {
      const o = h('option', { value }, text);
      if ((params.get(name) ?? '') === value) o.selected = true;
      s.append(o);
    }
    return h('label', {}, label, s);
  };
  const input = (name: string, label: string, placeholder: string): HTMLElement =>
    h('label', {}, label, h('input', { name, value: params.get(name) ?? '', placeholder, size: 10, pattern: '\\d{4}(-\\d{2}(-\\d{2})?)?' }));
  const human = h('input', { type: 'checkbox', name: 'human', value: '1', checked: params.get('human') === '1' });
  const form = h('form', { class: 'filters' },
    input('from', 'from', m.facets.minDate ?? 'YYYY-MM-DD'),
    input('to', 'to', m.facets.maxDate ?? 'YYYY-MM-DD'),
    select('source', 'source', [['', 'all sources'], ...m.facets.sources.map((s): [string, string] => [s, s])]),
    select('lang', 'language', [['', 'all languages'], ...m.facets.langs.map((s): [string, string] => [s, s])]),
    select('docSide', 'document side', [['', 'all sides'], ...m.facets.sides.map((s): [string, string] => [s ?? 'unknown', s ?? 'unknown'])]),
    select('codebook', 'codebook', [['', `latest (${m.codebook.name} ${m.codebook.version})`], ...m.codebooks.map((c): [string, string] => [c.version, `${c.name} ${c.version}`])]),
    select('by', 'trend by', [['', 'year'], ['quarter', 'quarter'], ['month', 'month']]),
    h('label', { class: 'check' }, 'human where reviewed', human),
    h('button', { type: 'submit' }, 'Apply'),
  );
  const apply = (): void => {
    const next = new URLSearchParams(params);
    for (const el of Array.from(form.elements)) {
      const f = el as HTMLInputElement;
      if (!f.name) continue;
      const v = f.type === 'checkbox' ? (f.checked ? '1' : '') : f.value.trim();
      if (v) next.set(f.name, v);
      else next.delete(f.name);
    }
    location.hash = `#/${page}?${next.toString()}`;
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    apply();
  });
  form.addEventListener('change', (e) => {
    if ((e.target as HTMLElement).tagName !== 'INPUT' || (e.target as HTMLInputElement).type === 'checkbox') apply();
  });
  return form;
}

async function overviewPage(params: URLSearchParams, m: Meta): Promise<void> {
  // The overview draws no periods: asking for them (`by`, the trend's setting) would only cost the server a breakdown.
  const q = new URLSearchParams(filterQuery(params));
  q.delete('by');
  const json = await api<OverviewResponse>(`/api/overview?${q.toString()}`);
  const [a, b] = json.gapSides;
  const voices = Object.keys(json.voices);
  const chart = h('div', { class: 'chart', id: 'overview-chart' });
  const totals = h('p', { class: 'muted', id: 'totals' },
    `${json.documents} documents, ${json.sentences} sentences: ` + voices.map((v) => `${v} ${json.voices[v]?.sentences ?? 0} (${json.voices[v]?.documents ?? 0} docs)`).join(', ') +
      (params.get('human') === '1' ? ' — human decisions where reviewed' : ' — machine decisions'));
  const table = h('table', { id: 'overview-table' });
  table.append(h('thead', {}, h('tr', {}, h('th', {}, 'code'), ...voices.map((v) => h('th', {}, v)), h('th', {}, `gap ${a}−${b} (pp, 95% CI)`))));
  const tbody = h('tbody');
  for (const [code, entry] of Object.entries(json.codes)) {
    const tr = h('tr', {}, h('td', {}, code));
    for (const v of voices) {
      const c = entry[v] as CellJson | undefined;
      tr.append(
        h('td', { 'data-code': code, 'data-voice': v },
          c ? h('a', { href: link('evidence', params, { code, voice: v }), title: `${c.raised} of ${json.voices[v]?.sentences ?? 0} sentences raise it; ${c.negated} negate it` }, pct(c.share)) : '–',
          ' ', h('span', { class: 'n' }, c ? `(${c.raised}/${c.negated})` : ''),
        ),
      );
    }
    const g = entry.gap as GapJson | undefined;
    tr.append(h('td', {}, g ? `${pp(g.estimate)} [${pp(g.low)}, ${pp(g.high)}]` : '–'));
    tbody.append(tr);
  }
  table.append(tbody);
  const codes = m.codebook.codes.map((c) => c.id);
  const trendCode = params.get('trend') && codes.includes(params.get('trend') as string) ? (params.get('trend') as string) : (codes[0] ?? '');
  const trendSelect = h('select', { id: 'trend-code', 'aria-label': 'trend of code' }, ...codes.map((c) => {
    const o = h('option', { value: c }, c);
    if (c === trendCode) o.selected = true;
    return o;
  }));
  trendSelect.addEventListener('change', () => {
    const next = new URLSearchParams(params);
    next.set('trend', trendSelect.value);
    location.hash = `#/overview?${next.toString()}`;
  });
  const trendChart = h('div', { class: 'chart', id: 'trend-chart' });
  const series = m.overlay;
  const overlayOn = series !== null && params.get('ov') !== '0';
  const overlayNote = h('p', { class: 'overlay-note', id: 'overlay-rho' });
  const overlayControls = h('div', {}, series ? overlayForm(params, m, series.label, overlayOn) : null, uploadForm(series !== null));
  const messages = json.messages.length ? h('ul', { class: 'small muted' }, ...json.messages.map((x) => h('li', {}, `${x.severity}: ${x.reason}`))) : null;
  replace(app,
    h('h1', {}, `${json.codebook.name}: what each side raises`),
    filterForm(params, m, 'overview'),
    totals,
    h('p', { class: 'small muted' }, 'Click a point (a side\'s share) or a gap bar to read the sentences behind it.'),
    chart,
    table,
    h('h2', {}, 'Trend of ', trendSelect),
    overlayControls,
    trendChart,
    overlayOn ? overlayNote : null,
    messages,
  );
  await showChart(chart, overviewSpec(json), (d) => {
    const code = String(d.code ?? '');
    if (!code) return;
    const voice = typeof d.voice === 'string' && voices.includes(d.voice) ? d.voice : a;
    location.hash = link('evidence', params, { code, voice, also: typeof d.gap === 'number' ? b : undefined });
  });
  if (trendCode) {
    const by = params.get('by') ?? 'year';
    const trend = await api<TrendResponse>(`/api/trend?${filterQuery(params, { code: trendCode, by })}`);
    if ((trend.measurement.periods ?? []).length === 0) replace(trendChart, h('p', { class: 'muted' }, 'No dated documents for a trend.'));
    else {
      let spec = trendSpec(trend.measurement, trendCode);
      if (overlayOn && series) {
        const ov = await api<OverlayResponse>(`/api/overlay?${filterQuery(params, { code: trendCode, by, lag: params.get('lag') ?? undefined, voice: params.get('ovVoice') ?? undefined })}`);
        const r = ov.overlay[0];
        if (r) {
          spec = trendWithOverlay(spec, r);
          const known = r.rows.filter((x) => x.value !== null).length;
          replace(overlayNote,
            `Spearman's rho between the share of ${r.voice === 'all' ? 'all sentences' : `${r.voice}'s sentences`} raising ${r.code} and “${r.label}”: `,
            h('strong', {}, r.spearman.rho === null ? 'n/a' : r.spearman.rho.toFixed(3)),
            ` over ${r.spearman.n} ${r.by}s${r.lag !== 0 ? `, series at period t${r.lag > 0 ? '+' : ''}${r.lag}` : ''}. `,
            `${known} of ${r.rows.length} periods have a series value; the others are gaps, never filled.`,
            ...r.messages.map((x) => ` ${x.reason}.`));
        }
      }
      await showChart(trendChart, spec, (d) => {
        if (typeof d.period !== 'string') return;
        if (typeof d.voice === 'string') location.hash = link('evidence', params, { code: trendCode, voice: d.voice, period: d.period });
        // A point of the correlated share: the sentences of that voice (or of every voice) in the period.
        else if (typeof d.of === 'string') location.hash = link('evidence', params, { code: trendCode, voice: params.get('ovVoice') ?? undefined, period: d.period });
      });
    }
  }
}

/** Show or hide the outside series, and choose whose share it is compared with and the lag. */
function overlayForm(params: URLSearchParams, m: Meta, label: string, on: boolean): HTMLElement {
  const show = h('input', { type: 'checkbox', id: 'overlay-on', checked: on });
  const voice = h('select', { id: 'overlay-voice', 'aria-label': 'share among' },
    ...['all', ...m.voices].map((v) => {
      const o = h('option', { value: v }, v === 'all' ? 'all sentences' : `${v}'s sentences`);
      if ((params.get('ovVoice') ?? 'all') === v) o.selected = true;
      return o;
    }));
  const lag = h('input', { id: 'overlay-lag', type: 'number', step: 1, value: params.get('lag') ?? '0', size: 4, style: 'width:4em' });
  const apply = (): void => {
    const next = new URLSearchParams(params);
    if (show.checked) next.delete('ov');
    else next.set('ov', '0');
    if (voice.value === 'all') next.delete('ovVoice');
    else next.set('ovVoice', voice.value);
    const l = lag.value.trim();
    if (l === '' || l === '0') next.delete('lag');
    else next.set('lag', l);
    location.hash = `#/overview?${next.toString()}`;
  };
  for (const el of [show, voice, lag]) el.addEventListener('change', apply);
  return h('div', { class: 'overlay-form' },
    h('label', {}, show, ` beside “${label}”`),
    h('label', {}, 'correlate with the share of ', voice),
    h('label', {}, 'series lag (periods) ', lag));
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  // In slices: one call with every byte as an argument overflows the stack on large files.
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Upload a CSV series (e.g. a monthly poll) to set beside the trend; the server detects its encoding. */
function uploadForm(hasSeries: boolean): HTMLElement {
  const file = h('input', { type: 'file', id: 'upload-file', accept: '.csv,text/csv', required: true });
  const column = h('input', { id: 'upload-column', placeholder: 'likestate_us', required: true, size: 14 });
  const date = h('input', { id: 'upload-date', placeholder: 'ymonth', size: 10 });
  const label = h('input', { id: 'upload-label', placeholder: 'Like the U.S. (Jiji)', size: 20 });
  const result = h('span', { class: 'result small', role: 'status' });
  const form = h('form', { class: 'overlay-form', id: 'upload-form' },
    h('label', {}, 'CSV ', file), h('label', {}, 'value column ', column), h('label', {}, 'period column (YYYYMM, YYYY-MM, YYYY) ', date),
    h('label', {}, 'label ', label), h('button', { type: 'submit' }, 'Set beside the trend'), ' ', result);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const f = file.files?.[0];
    if (!f) return;
    result.className = 'result small';
    result.textContent = 'reading…';
    void f.arrayBuffer()
      .then((buf) => api<OverlayUploadResponse>('/api/overlay', {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ data: toBase64(new Uint8Array(buf)), name: f.name, column: column.value.trim(), date: date.value.trim() || undefined, label: label.value.trim() || undefined }),
      }))
      .then(() => {
        // The series changes what /api/meta says: fetch it again, then redraw with the series on.
        meta = undefined;
        const { params } = route();
        params.delete('ov');
        if (location.hash === `#/overview?${params.toString()}`) void render();
        else location.hash = `#/overview?${params.toString()}`;
      })
      .catch((err: unknown) => {
        result.className = 'result small error';
        result.textContent = err instanceof Error ? err.message : String(err);
      });
  });
  return h('details', { class: 'upload' }, h('summary', { class: 'small' }, hasSeries ? 'set another outside series beside the trend…' : 'set an outside series (e.g. an opinion poll) beside the trend…'), form);
}

function evidenceItem(e: EvidenceItem, params: URLSearchParams): HTMLElement {
  const spans: Span[] = [{ start: e.evidence.start, end: e.evidence.end, cls: 'code', title: `${e.code}: ${e.evidence.rule}` }];
  if (e.cue) spans.push({ start: e.cue.start, end: e.cue.end, cls: 'cue', title: `voice ${e.voice}: ${e.cue.rule}` });
  if (e.negation) spans.push({ start: e.negation.start, end: e.negation.end, cls: 'neg', title: `negation: ${e.negation.rule}` });
  const lang = e.lang && /^[a-z]{2,3}$/.test(e.lang) ? e.lang : undefined;
  const text = h('span', { class: 's', lang });
  text.append(highlighted(e.text, spans));
  const cite = h('span', { class: 'cite' },
    h('a', { href: link('doc', params, { id: String(e.docId), s: String(e.sentence) }), class: 'doc-link' }, e.title ?? e.extId ?? `document ${e.docId}`),
    e.date ? ` · ${e.date}` : '', e.source ? ` · ${e.source}` : '', e.page !== null ? ` · p. ${e.page}` : '',
    ` · paragraph ${e.paragraph + 1}, sentence ${e.sentence + 1} · `,
    e.cue ? `voice ${e.voice} from the cue “${e.text.slice(e.cue.start, e.cue.end)}”` : `voice ${e.voice} (${e.voiceHow})`,
    e.negated ? ' · negated' : '',
  );
  const review = 'review' in e ? e.review : null;
  const reviewed = review ? h('span', { class: 'badge human' }, `reviewed by ${review.reviewer}: ${review.voice}; ${review.codes.join(', ') || 'no code'}`) : null;
  return h('article', { class: 'ev', 'data-doc': e.docId, 'data-sentence': e.sentence }, text, cite, reviewed,
    h('a', { href: link('review', params, { doc: String(e.docId), s: String(e.sentence) }), class: 'review-link small' }, 'review this sentence'));
}

async function evidencePage(params: URLSearchParams, m: Meta): Promise<void> {
  const code = params.get('code') ?? '';
  const voices = [params.get('voice') ?? '', params.get('also') ?? ''].filter(Boolean);
  const period = params.get('period') ?? undefined;
  if (!code) {
    replace(app, h('h1', {}, 'Evidence'), h('p', { class: 'muted' }, 'Pick a figure on the overview, or a code here:'),
      h('ul', {}, ...m.codebook.codes.map((c) => h('li', {}, h('a', { href: link('evidence', params, { code: c.id, voice: m.codebook.sides[0] }) }, c.id), ` — ${c.label}`))));
    return;
  }
  const sections: HTMLElement[] = [];
  for (const voice of voices.length ? voices : ['']) {
    const rows = await api<EvidenceResponse>(`/api/evidence?${filterQuery(params, { code, voice, period, negated: params.get('negated') ?? undefined, limit: '50' })}`);
    sections.push(h('section', { class: 'evidence', 'data-voice': voice },
      h('h2', {}, `${voice || 'all voices'}: ${rows.rows.length} sentence${rows.rows.length === 1 ? '' : 's'}${rows.rows.length === 50 ? ' (first 50)' : ''}`),
      ...(rows.rows.length ? rows.rows.map((e) => evidenceItem(e, params)) : [h('p', { class: 'muted' }, 'No sentence.')])));
  }
  replace(app,
    h('h1', {}, `Evidence: ${code}${period ? `, ${period}` : ''}${params.get('negated') === '1' ? ' (negated)' : ''}`),
    h('p', { class: 'small muted' }, h('a', { href: link('overview', params) }, '← overview'), ' · strongest first: explicit voice cues, one sentence per document before a second. ',
      h('mark', { class: 'code' }, 'code evidence'), ' ', h('mark', { class: 'cue' }, 'voice cue'), ' ', h('mark', { class: 'neg' }, 'negation')),
    ...sections,
  );
}

async function documentPage(params: URLSearchParams): Promise<void> {
  const id = params.get('id') ?? '';
  const selected = Number(params.get('s') ?? -1);
  const body = await api<DocumentResponse>(
    `/api/documents/${encodeURIComponent(id)}?${filterQuery(params)}`,
  );
  const d = body.document;
  const reviews = new Map(body.reviews.map((r) => [r.sentence, r]));
  const wrap = h('div', { class: 'doc', lang: d.lang && /^[a-z]{2,3}$/.test(d.lang) ? d.lang : undefined });
  let paragraph = -1;
  let p: HTMLElement | undefined;
  for (const s of body.sentences) {
    if (s.paragraph !== paragraph || !p) {
      paragraph = s.paragraph;
      p = h('p');
      wrap.append(p);
    }
    const dec = s.decision;
    const spans: Span[] = [];
    if (dec?.voice.cue) spans.push({ ...dec.voice.cue, cls: 'cue', title: `voice ${dec.voice.voice}` });
    for (const hit of dec?.raised ?? []) spans.push({ ...hit.evidence, cls: 'code', title: hit.code });
    for (const hit of dec?.negated ?? []) {
      spans.push({ ...hit.evidence, cls: 'code', title: `${hit.code} (negated)` });
      if (hit.negation) spans.push({ ...hit.negation, cls: 'neg', title: 'negation' });
    }
    const r = reviews.get(s.index);
    const sent = h('div', { class: `sent${s.index === selected ? ' sel' : ''}`, id: `s-${s.index}`, 'data-sentence': s.index },
      dec ? h('span', { class: `badge v-${dec.voice.voice}` }, dec.voice.voice) : null,
      ...(dec?.raised ?? []).map((x) => h('span', { class: 'badge' }, x.code)),
      ...(dec?.negated ?? []).map((x) => h('span', { class: 'badge' }, `not ${x.code}`)),
      r ? h('span', { class: 'badge human' }, `reviewed: ${r.voice}; ${r.codes.join(', ') || 'no code'}`) : null,
    );
    const text = h('span', { class: 's' });
    text.append(highlighted(s.text, spans));
    sent.append(text, ' ', h('a', { href: link('review', params, { doc: String(d.id), s: String(s.index) }), class: 'small' }, 'review'));
    p.append(sent);
  }
  replace(app,
    h('h1', {}, d.title ?? d.extId ?? `document ${d.id}`),
    h('p', { class: 'muted small' }, [d.extId ? `id ${d.extId}` : '', d.date ?? 'undated', d.source ?? '', d.side ? `side ${d.side}` : 'side unknown', d.lang ?? '', d.path ?? ''].filter(Boolean).join(' · ')),
    wrap,
  );
  document.getElementById(`s-${selected}`)?.scrollIntoView({ block: 'center' });
}

function reviewerName(): string {
  return localStorage.getItem('twocities.reviewer') ?? '';
}

function reviewForm(e: { docId: number; sentence: number; text: string; voice: string; codes: string[]; negated: string[]; tone: string; cite: string }, m: Meta, codebook: string | null): HTMLElement {
  const box = h('form', { class: 'review', 'data-doc': e.docId, 'data-sentence': e.sentence });
  const voice = h('fieldset', {}, h('legend', {}, 'voice'), ...m.voices.map((v) => h('label', {}, h('input', { type: 'radio', name: 'voice', value: v, checked: v === e.voice }), ` ${v}`)));
  const codes = h('fieldset', {}, h('legend', {}, 'codes raised'), ...m.codebook.codes.map((c) => h('label', { title: c.description }, h('input', { type: 'checkbox', name: 'codes', value: c.id, checked: e.codes.includes(c.id) }), ` ${c.id}`)));
  const negated = h('fieldset', {}, h('legend', {}, 'codes negated'), ...m.codebook.codes.map((c) => h('label', {}, h('input', { type: 'checkbox', name: 'negated', value: c.id, checked: e.negated.includes(c.id) }), ` ${c.id}`)));
  const tone = h('fieldset', {}, h('legend', {}, 'tone'), ...m.tones.map((t) => h('label', {}, h('input', { type: 'radio', name: 'tone', value: t, checked: t === e.tone }), ` ${t}`)));
  const result = h('span', { class: 'result small', role: 'status' });
  box.append(h('p', {}, h('span', { class: 's' }, e.text)), h('p', { class: 'small muted' }, e.cite), voice, codes, negated, tone, h('button', { type: 'submit' }, 'Save review'), ' ', result);
  box.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const reviewer = reviewerName();
    if (!reviewer) {
      result.className = 'result error';
      result.textContent = 'enter your name above first';
      return;
    }
    const data = new FormData(box);
    const body = {
      docId: e.docId, sentence: e.sentence, reviewer,
      voice: String(data.get('voice') ?? ''), tone: String(data.get('tone') ?? ''),
      codes: data.getAll('codes').map(String), negated: data.getAll('negated').map(String),
      ...(codebook ? { codebook } : {}),
    };
    api<ReviewResponse>('/api/review', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      .then((r) => {
        result.className = 'result ok';
        result.textContent = `saved: ${r.review.voice}; ${r.review.codes.join(', ') || 'no code'} (${r.review.at})`;
      })
      .catch((err: unknown) => {
        result.className = 'result error';
        result.textContent = err instanceof Error ? err.message : String(err);
      });
  });
  return box;
}

async function reviewPage(params: URLSearchParams, m: Meta): Promise<void> {
  const name = h('input', { id: 'reviewer', value: reviewerName(), placeholder: 'your name', size: 20 });
  name.addEventListener('change', () => localStorage.setItem('twocities.reviewer', name.value.trim()));
  const head = [h('h1', {}, 'Review'), h('p', {}, h('label', {}, 'Reviewer ', name), h('span', { class: 'small muted' }, ' (kept in this browser; stored with every review)'))];
  const doc = params.get('doc');
  const codebook = params.get('codebook');
  if (doc !== null) {
    const sentence = Number(params.get('s') ?? 0);
    const body = await api<DocumentResponse>(`/api/documents/${encodeURIComponent(doc)}?${filterQuery(params)}`);
    const s = body.sentences.find((x) => x.index === sentence);
    if (!s) throw new ApiFailure(`no sentence ${sentence} in document ${doc}`);
    const r = body.reviews.find((x) => x.sentence === sentence);
    const dec = s.decision;
    const start = r ?? { voice: dec?.voice.voice ?? 'author', codes: (dec?.raised ?? []).map((x) => x.code), negated: (dec?.negated ?? []).map((x) => x.code), tone: dec?.tone ?? 'neutral' };
    const cite = `${body.document.title ?? body.document.extId ?? `document ${doc}`}${body.document.date ? ` · ${body.document.date}` : ''} · sentence ${sentence + 1} · machine: ${dec ? `${dec.voice.voice}; ${dec.raised.map((x) => x.code).join(', ') || 'no code'}; ${dec.tone}` : 'not coded'}`;
    replace(app, ...head, reviewForm({ docId: Number(doc), sentence, text: s.text, voice: start.voice, codes: [...new Set(start.codes)], negated: [...new Set(start.negated)], tone: start.tone, cite }, m, codebook));
    return;
  }
  const queue = await api<QueueResponse>(`/api/queue?${filterQuery(params, { per: '1' })}`);
  replace(app, ...head,
    h('p', { class: 'muted' }, `${queue.reviewed} sentences reviewed so far. A sample stratified by code and side, machine decisions pre-filled:`),
    ...queue.items.map((e) => reviewForm({ docId: e.docId, sentence: e.sentence, text: e.text, voice: e.voice, codes: [e.code], negated: [], tone: 'neutral',
      cite: `${e.stratum ? `${e.stratum.code} / ${e.stratum.voice} · ` : ''}${e.title ?? e.extId ?? `document ${e.docId}`}${e.date ? ` · ${e.date}` : ''}` }, m, codebook)),
  );
}

async function reliabilityPage(params: URLSearchParams): Promise<void> {
  type Fam = ReliabilityResponse['reliability']['voice'];
  const body = await api<ReliabilityResponse>(`/api/reliability?${filterQuery(params)}`);
  const r = body.reliability;
  const num = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(2));
  const fam = (name: string, f: Fam): HTMLElement => h('tr', {}, h('td', {}, name), h('td', {}, String(f.units)), h('td', {}, num(f.accuracy)), h('td', {}, num(f.kappa)), h('td', {}, num(f.alpha)));
  replace(app,
    h('h1', {}, 'Reliability: machine against human reviews'),
    h('p', { class: 'muted' }, `${r.units} reviewed sentences in ${r.documents} documents${r.uncoded ? `, ${r.uncoded} reviewed sentences never coded` : ''}. The human decision is taken as right.`),
    h('table', { id: 'reliability-families' }, h('thead', {}, h('tr', {}, h('th', {}, 'label'), h('th', {}, 'units'), h('th', {}, 'accuracy'), h('th', {}, "Cohen's κ"), h('th', {}, "Krippendorff's α"))),
      h('tbody', {}, fam('voice', r.voice), fam('tone', r.tone))),
    h('table', { id: 'reliability-codes' }, h('thead', {}, h('tr', {}, ...['code', 'TP', 'FP', 'FN', 'precision', 'recall', 'F1', 'κ'].map((x) => h('th', {}, x)))),
      h('tbody', {}, ...Object.entries(r.codes).map(([code, p]) => h('tr', {}, h('td', {}, code), h('td', {}, String(p.tp)), h('td', {}, String(p.fp)), h('td', {}, String(p.fn)), h('td', {}, num(p.precision)), h('td', {}, num(p.recall)), h('td', {}, num(p.f1)), h('td', {}, num(p.kappa)))),
        h('tr', {}, h('td', {}, 'all codes (micro)'), h('td', {}, String(r.micro.tp)), h('td', {}, String(r.micro.fp)), h('td', {}, String(r.micro.fn)), h('td', {}, num(r.micro.precision)), h('td', {}, num(r.micro.recall)), h('td', {}, num(r.micro.f1)), h('td', {}, '')))),
  );
}

async function render(): Promise<void> {
  const { page, params } = route();
  for (const a of Array.from(document.querySelectorAll('[data-nav]'))) a.classList.toggle('on', a.getAttribute('data-nav') === page);
  setStatus('loading…');
  app.setAttribute('aria-busy', 'true');
  try {
    const version = params.get('codebook');
    if (!meta || (version && meta.codebook.version !== version)) meta = await api<Meta>(`/api/meta${version ? `?codebook=${encodeURIComponent(version)}` : ''}`);
    if (page === 'overview') await overviewPage(params, meta);
    else if (page === 'evidence') await evidencePage(params, meta);
    else if (page === 'doc') await documentPage(params);
    else if (page === 'review') await reviewPage(params, meta);
    else if (page === 'reliability') await reliabilityPage(params);
    else replace(app, h('p', { class: 'error' }, `no page "${page}"`));
    setStatus(`${meta.stats.documents} documents · codebook ${meta.codebook.name} ${meta.codebook.version}`);
  } catch (e) {
    replace(app, failure(e));
    setStatus('error', 'error');
  } finally {
    app.setAttribute('aria-busy', 'false');
    app.setAttribute('data-page', page);
  }
}

window.addEventListener('hashchange', () => void render());
void render();
