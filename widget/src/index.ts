/**
 * <tiers-lieux-reseau view="places|resources|events|kit|availability" place="…" lang="fr|en" api="…">
 * One custom element listing the network's places, shareable resources, upcoming events or
 * communication kit — one page of 24 cards at a time, filtered by the API (text, commune,
 * kind, category, the `place` attribute), « Voir plus » loading the next page — or the free
 * places of the next 7 days (availability.ts). Open shadow root; no cookies (credentials
 * omitted), no request anywhere but the network's API (by default the origin this script was
 * loaded from). Events also get schema.org JSON-LD, written in the light DOM for search engines.
 */
import { CSS } from './styles.js';
import { TEXTS, type Lang, type Texts } from './i18n.js';
import { toCards, type Card, type View } from './cards.js';
import { getJson, listUrl, NO_FACETS, type Facet, type Facets } from './api.js';
import { showAvailability } from './availability.js';
import { CATEGORY_LABELS, categoryLabel } from '../../schemas/resource-categories.js';

const DEFAULT_API = new URL(import.meta.url).origin;
const LIST_VIEWS: View[] = ['places', 'resources', 'events', 'kit'];
const VIEWS = [...LIST_VIEWS, 'availability'];
/** Cards asked of the API per page. */
export const PAGE_SIZE = 24;
/** Typing pauses this long before the search goes to the server. */
const TYPING_DELAY_MS = 250;

interface Filters {
  q: string;
  commune: string;
  kind: string;
  category: string;
}
const NO_FILTERS: Filters = { q: '', commune: '', kind: '', category: '' };

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const opt = (v: string, label: string, selected = false) => `<option value="${esc(v)}"${selected ? ' selected' : ''}>${esc(label)}</option>`;
const byLabel = (a: [string, string], b: [string, string]) => a[1].localeCompare(b[1], 'fr');

/** The page of a view for these filters: every filter is the API's (the same names as its list routes). */
function pageUrl(api: string, view: View, place: string | undefined, f: Filters, cursor?: string): string {
  const common = { limit: String(PAGE_SIZE), q: f.q.trim() || undefined, cursor };
  if (view === 'places') return listUrl(api, 'places', { ...common, commune: f.commune, tag: f.kind });
  if (view === 'resources') return listUrl(api, 'resources', { ...common, placeId: place, commune: f.commune, kind: f.kind, category: f.category });
  if (view === 'events') return listUrl(api, 'events', { ...common, placeId: place, commune: f.commune, tag: f.kind });
  return listUrl(api, 'kit', { ...common, placeId: place, kind: f.kind });
}

function cardHtml(c: Card, t: Texts): string {
  return (
    `<li><article class="${c.cancelled ? 'cx' : ''}">${c.cancelled ? `<span class="x">${esc(t.cancelled)}</span>` : ''}<h3>${esc(c.title)}</h3>` +
    c.lines.map((l) => `<p class="m">${esc(l)}</p>`).join('') +
    (c.description ? `<p class="d">${esc(c.description)}</p>` : '') +
    (c.tags.length ? `<p class="tags">${c.tags.map((x) => `<span class="tag">${esc(x)}</span>`).join('')}</p>` : '') +
    (c.links.length ? `<p class="links">${c.links.map((l) => `<a href="${esc(l.href)}">${esc(l.label)}<span class="sr"> : ${esc(c.title)}</span></a>`).join('')}</p>` : '') +
    `</article></li>`
  );
}

class TiersLieuxReseau extends HTMLElement {
  static observedAttributes = ['view', 'place', 'lang', 'api'];
  #root: ShadowRoot;
  #cards: Card[] = [];
  #cursor: string | undefined;
  #filters: Filters = { ...NO_FILTERS };
  #loadId = 0;
  /** Counts loads of the whole view only (not filter changes): the places list belongs to one. */
  #viewId = 0;
  #typing: ReturnType<typeof setTimeout> | undefined;
  /** Options of the kind select learnt from the cards (events: their tags). */
  #seenKinds = new Map<string, string>();

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
  }

  get #view(): View {
    const v = this.getAttribute('view') as View;
    return LIST_VIEWS.includes(v) ? v : 'places';
  }
  get #lang(): Lang {
    return (this.getAttribute('lang') ?? '').toLowerCase().startsWith('en') ? 'en' : 'fr';
  }
  get #t(): Texts {
    return TEXTS[this.#lang] as Texts;
  }
  get #api(): string {
    return (this.getAttribute('api') || DEFAULT_API).replace(/\/+$/, '');
  }
  get #place(): string | undefined {
    return this.getAttribute('place') || undefined;
  }

  /** Set once connected: an upgrade reports the parsed attributes before connecting, which must not load twice. */
  #started = false;
  connectedCallback() {
    this.#started = true;
    void this.#load();
  }
  attributeChangedCallback(_n: string, old: string | null, value: string | null) {
    if (old !== value && this.#started && this.isConnected) void this.#load();
  }

  #shell(title: string): HTMLElement {
    const t = this.#t;
    this.#root.innerHTML = `<style>${CSS}</style><section class="w" lang="${this.#lang}" aria-label="${esc(t.region)}" aria-busy="true"><h2>${esc(title)}</h2><p class="st" role="status" aria-live="polite">${esc(t.loading)}</p></section>`;
    return this.#root.querySelector('section')!;
  }

  async #load() {
    const id = ++this.#loadId;
    const viewId = ++this.#viewId;
    const t = this.#t;
    clearTimeout(this.#typing);
    this.#cards = [];
    this.#cursor = undefined;
    this.#filters = { ...NO_FILTERS };
    this.#seenKinds = new Map();
    const asked = this.getAttribute('view');
    // A mistyped view says so in words instead of silently showing another list.
    if (asked && !VIEWS.includes(asked)) {
      this.#root.innerHTML = `<style>${CSS}</style><section class="w" lang="${this.#lang}" aria-label="${esc(t.region)}"><div class="err" role="alert"><p>${esc(t.unknownView(asked, VIEWS))}</p></div></section>`;
      return;
    }
    if (asked === 'availability') {
      showAvailability(this.#shell(t.availability), { api: this.#api, place: this.#place, lang: this.#lang, t, isCurrent: () => id === this.#loadId, onError: (retry) => this.#renderError(retry) });
      return;
    }
    const view = this.#view;
    const api = this.#api;
    this.#shell(t[view]);
    // The first cards need only their page (each item carries what its card shows); the form's
    // choices (communes, place tags: one small answer, whatever the network's size) only fill
    // its options, so they are asked once the page is there and never delay it.
    const first = getJson(pageUrl(api, view, this.#place, this.#filters));
    const facets = first.then(
      () => (view === 'kit' ? NO_FACETS : getJson<Facets>(`${api}/v1/facets`)),
      () => NO_FACETS,
    );
    facets.catch(() => undefined);
    try {
      const page = await first;
      if (id !== this.#loadId) return;
      this.#renderForm();
      this.#show(page.items ?? [], page.nextCursor, false);
    } catch {
      if (id !== this.#loadId) return;
      this.#renderError(() => void this.#load());
      return;
    }
    // Without the choices the cards stay usable: the commune select just offers « Toutes ».
    facets.then((f) => viewId === this.#viewId && this.#fillOptions(f)).catch(() => undefined);
  }

  /** Asks the API for the first page of the current filters (the form stays as it is). */
  async #refilter() {
    const id = ++this.#loadId;
    const section = this.#root.querySelector('section')!;
    section.setAttribute('aria-busy', 'true');
    try {
      const page = await getJson(pageUrl(this.#api, this.#view, this.#place, this.#filters));
      if (id !== this.#loadId) return;
      this.#cards = [];
      this.#show(page.items ?? [], page.nextCursor, false);
    } catch {
      if (id !== this.#loadId) return;
      section.setAttribute('aria-busy', 'false');
      section.querySelector('.st')!.textContent = this.#t.error;
    }
  }

  async #more() {
    const id = this.#loadId;
    const cursor = this.#cursor;
    if (!cursor) return;
    const section = this.#root.querySelector('section')!;
    const button = section.querySelector<HTMLButtonElement>('button.more')!;
    button.disabled = true;
    section.setAttribute('aria-busy', 'true');
    try {
      const page = await getJson(pageUrl(this.#api, this.#view, this.#place, this.#filters, cursor));
      if (id !== this.#loadId) return;
      this.#show(page.items ?? [], page.nextCursor, true);
    } catch {
      if (id !== this.#loadId) return;
      section.setAttribute('aria-busy', 'false');
      section.querySelector('.st')!.textContent = this.#t.error;
    } finally {
      button.disabled = false;
    }
  }

  #renderError(retry: () => void) {
    const t = this.#t;
    const section = this.#root.querySelector('section')!;
    section.setAttribute('aria-busy', 'false');
    section.querySelector('.st')!.textContent = '';
    const box = document.createElement('div');
    box.className = 'err';
    box.setAttribute('role', 'alert');
    box.innerHTML = `<p>${esc(t.error)}</p><button type="button">${esc(t.retry)}</button>`;
    box.querySelector('button')!.addEventListener('click', () => {
      box.remove();
      retry();
    });
    section.append(box);
  }

  /** Kinds known without the form's choices (places: their tags come with them, #fillOptions). */
  #kindOptions(): [string, string][] {
    const t = this.#t;
    const view = this.#view;
    if (view === 'resources') return Object.entries(t.kinds);
    if (view === 'kit') return Object.entries(t.kitKinds);
    return [...this.#seenKinds];
  }

  /** The choices arrived: the communes to filter on, and for the places view their tags as kinds (keeping any choice made meanwhile). */
  #fillOptions(facets: Facets) {
    const fill = (select: HTMLSelectElement | null, all: string, values: string[]) => {
      if (!select) return;
      const chosen = select.value;
      select.innerHTML = opt('', all) + values.map((v) => opt(v, v, v === chosen)).join('');
    };
    const t = this.#t;
    const values = (list: Facet[] | undefined) => (list ?? []).map((f) => f.value).filter(Boolean);
    fill(this.#root.querySelector('select#c'), t.all, values(facets.communes));
    if (this.#view !== 'places') return;
    const tags = values(facets.tags);
    fill(this.#root.querySelector('select#k'), t.allKinds, tags);
    // No place has a tag: no kind to choose.
    this.#root.querySelector<HTMLElement>('label[for=k]')!.hidden = !tags.length;
  }

  #renderForm() {
    const t = this.#t;
    const view = this.#view;
    const section = this.#root.querySelector('section')!;
    const kinds = this.#kindOptions().sort(byLabel);
    const categories =
      view === 'resources'
        ? `<label for="g">${esc(t.category)}<select id="g" name="category">${opt('', t.allCategories)}${Object.entries(CATEGORY_LABELS)
            .map(([kind, labels]) => `<optgroup label="${esc(t.kinds[kind] ?? kind)}">${Object.keys(labels).map((code) => opt(code, categoryLabel(code))).join('')}</optgroup>`)
            .join('')}</select></label>`
        : '';
    const form = document.createElement('form');
    form.setAttribute('role', 'search');
    form.innerHTML =
      `<label for="q" class="q">${esc(t.search)}<input id="q" name="q" type="search" autocomplete="off" placeholder="${esc(t.searchPlaceholder)}"></label>` +
      (view === 'kit' ? '' : `<label for="c">${esc(t.commune)}<select id="c" name="commune">${opt('', t.all)}</select></label>`) +
      `<label for="k"${view === 'places' ? ' hidden' : ''}>${esc(t.kind)}<select id="k" name="kind">${opt('', t.allKinds)}${kinds.map(([v, l]) => opt(v, l)).join('')}</select></label>` +
      categories;
    form.addEventListener('submit', (e) => e.preventDefault());
    form.addEventListener('input', (e) => {
      const data = new FormData(form);
      this.#filters = { q: String(data.get('q') ?? ''), commune: String(data.get('commune') ?? ''), kind: String(data.get('kind') ?? ''), category: String(data.get('category') ?? '') };
      clearTimeout(this.#typing);
      // Busy at once, and answers to earlier filters dropped: nobody reads them as the new ones.
      this.#loadId++;
      section.setAttribute('aria-busy', 'true');
      if ((e.target as HTMLElement).id === 'q') this.#typing = setTimeout(() => void this.#refilter(), TYPING_DELAY_MS);
      else void this.#refilter();
    });
    const list = document.createElement('ul');
    const more = document.createElement('button');
    more.type = 'button';
    more.className = 'more';
    more.textContent = t.more;
    more.hidden = true;
    more.addEventListener('click', () => void this.#more());
    section.querySelector('h2')!.after(form);
    section.append(list, more);
  }

  /** Shows a page of items: replacing the list, or after it (« Voir plus »). */
  #show(items: unknown[], next: string | undefined, append: boolean) {
    const t = this.#t;
    const section = this.#root.querySelector('section')!;
    const cards = toCards(this.#view, items, { api: this.#api, lang: this.#lang, t });
    this.#cards = append ? [...this.#cards, ...cards] : cards;
    this.#cursor = next;
    const list = section.querySelector('ul')!;
    const html = cards.map((c) => cardHtml(c, t)).join('');
    if (append) list.insertAdjacentHTML('beforeend', html);
    else list.innerHTML = html;
    section.querySelector<HTMLButtonElement>('button.more')!.hidden = !next;
    section.querySelector('.st')!.textContent = next ? t.moreResults(this.#cards.length) : t.results(this.#cards.length);
    section.setAttribute('aria-busy', 'false');
    if (this.#view === 'events') this.#learnKinds(cards);
    this.#writeJsonLd();
  }

  /** Events: the tags of the cards seen so far fill the kind select (keeping the choice). */
  #learnKinds(cards: Card[]) {
    const select = this.#root.querySelector<HTMLSelectElement>('select#k');
    let added = false;
    for (const c of cards) for (const k of c.kinds) if (!this.#seenKinds.has(k.value)) (this.#seenKinds.set(k.value, k.label), (added = true));
    if (!select || !added) return;
    const chosen = select.value;
    select.innerHTML = opt('', this.#t.allKinds) + [...this.#seenKinds].sort(byLabel).map(([v, l]) => opt(v, l, v === chosen)).join('');
  }

  /** One JSON-LD script per event shown, in the light DOM (not rendered: no slot shows it). */
  #writeJsonLd() {
    this.querySelectorAll('script[data-tlr]').forEach((s) => s.remove());
    for (const c of this.#cards) {
      if (!c.jsonLd) continue;
      const s = document.createElement('script');
      s.type = 'application/ld+json';
      s.dataset.tlr = '';
      s.textContent = c.jsonLd;
      this.append(s);
    }
  }
}

if (!customElements.get('tiers-lieux-reseau')) customElements.define('tiers-lieux-reseau', TiersLieuxReseau);
