/**
 * <tiers-lieux-reseau view="places|resources|events" place="…" lang="fr|en" api="…">
 * One custom element listing the network's places, shareable resources or upcoming events,
 * with filters (text, commune, kind) and links. Open shadow root; no cookies (credentials
 * omitted), no request anywhere but the network's API (by default the origin this script was
 * loaded from). Events also get schema.org JSON-LD, written in the light DOM for search engines.
 */
import { CSS } from './styles.js';
import { TEXTS, type Lang, type Texts } from './i18n.js';
import { fold, toCards, type Card, type View } from './cards.js';

const DEFAULT_API = new URL(import.meta.url).origin;
const VIEWS: View[] = ['places', 'resources', 'events'];
const MAX_PAGES = 10;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function fetchAll(url: string): Promise<unknown[]> {
  const items: unknown[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const u = new URL(url);
    if (cursor) u.searchParams.set('cursor', cursor);
    const res = await fetch(u, { credentials: 'omit', referrerPolicy: 'no-referrer', headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const body = (await res.json()) as { items?: unknown[]; nextCursor?: string };
    items.push(...(body.items ?? []));
    cursor = body.nextCursor;
    if (!cursor) break;
  }
  return items;
}

class TiersLieuxReseau extends HTMLElement {
  static observedAttributes = ['view', 'place', 'lang', 'api'];
  #root: ShadowRoot;
  #cards: Card[] | undefined;
  #filters = { q: '', commune: '', kind: '' };
  #loadId = 0;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
  }

  get #view(): View {
    const v = this.getAttribute('view') as View;
    return VIEWS.includes(v) ? v : 'places';
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

  connectedCallback() {
    void this.#load();
  }
  attributeChangedCallback(_n: string, old: string | null, value: string | null) {
    if (old !== value && this.isConnected) void this.#load();
  }

  async #load() {
    const id = ++this.#loadId;
    const t = this.#t;
    this.#cards = undefined;
    this.#filters = { q: '', commune: '', kind: '' };
    const asked = this.getAttribute('view');
    // A mistyped view says so in words instead of silently showing another list.
    if (asked && !VIEWS.includes(asked as View)) {
      this.#root.innerHTML = `<style>${CSS}</style><section class="w" lang="${this.#lang}" aria-label="${esc(t.region)}"><div class="err" role="alert"><p>${esc(t.unknownView(asked, VIEWS))}</p></div></section>`;
      return;
    }
    this.#root.innerHTML = `<style>${CSS}</style><section class="w" lang="${this.#lang}" aria-label="${esc(t.region)}" aria-busy="true"><h2>${esc(t[this.#view])}</h2><p class="st" role="status" aria-live="polite">${esc(t.loading)}</p></section>`;
    const api = this.#api;
    const place = this.getAttribute('place');
    const q = (path: string, extra = '') => `${api}/v1/${path}?limit=500${place && this.#view !== 'places' ? `&placeId=${encodeURIComponent(place)}` : ''}${extra}`;
    try {
      const view = this.#view;
      const [items, places] = await Promise.all([fetchAll(q(view)), view === 'resources' ? fetchAll(`${api}/v1/places?limit=500`) : Promise.resolve([])]);
      if (id !== this.#loadId) return;
      this.#cards = toCards(view, items, places, { api, lang: this.#lang, t });
      this.#renderAll();
    } catch {
      if (id !== this.#loadId) return;
      this.#renderError();
    }
  }

  #renderError() {
    const t = this.#t;
    const section = this.#root.querySelector('section')!;
    section.setAttribute('aria-busy', 'false');
    section.querySelector('.st')!.textContent = '';
    const box = document.createElement('div');
    box.className = 'err';
    box.setAttribute('role', 'alert');
    box.innerHTML = `<p>${esc(t.error)}</p><button type="button">${esc(t.retry)}</button>`;
    box.querySelector('button')!.addEventListener('click', () => void this.#load());
    section.append(box);
  }

  #renderAll() {
    const t = this.#t;
    const cards = this.#cards ?? [];
    const section = this.#root.querySelector('section')!;
    section.setAttribute('aria-busy', 'false');
    const communes = [...new Set(cards.map((c) => c.commune).filter(Boolean))].sort((a, b) => a.localeCompare(b, 'fr'));
    const kinds = new Map<string, string>();
    for (const c of cards) for (const k of c.kinds) kinds.set(k.value, k.label);
    const opt = (v: string, label: string) => `<option value="${esc(v)}">${esc(label)}</option>`;
    const form = document.createElement('form');
    form.setAttribute('role', 'search');
    form.innerHTML =
      `<label for="q" class="q">${esc(t.search)}<input id="q" name="q" type="search" autocomplete="off" placeholder="${esc(t.searchPlaceholder)}"></label>` +
      `<label for="c">${esc(t.commune)}<select id="c" name="commune">${opt('', t.all)}${communes.map((c) => opt(c, c)).join('')}</select></label>` +
      (kinds.size ? `<label for="k">${esc(t.kind)}<select id="k" name="kind">${opt('', t.allKinds)}${[...kinds].sort((a, b) => a[1].localeCompare(b[1], 'fr')).map(([v, l]) => opt(v, l)).join('')}</select></label>` : '');
    form.addEventListener('submit', (e) => e.preventDefault());
    form.addEventListener('input', () => {
      const data = new FormData(form);
      this.#filters = { q: String(data.get('q') ?? ''), commune: String(data.get('commune') ?? ''), kind: String(data.get('kind') ?? '') };
      this.#renderList();
    });
    const list = document.createElement('ul');
    section.querySelector('h2')!.after(form);
    section.append(list);
    this.#renderList();
    this.#writeJsonLd(cards);
  }

  #renderList() {
    const t = this.#t;
    const words = fold(this.#filters.q).split(/\s+/).filter(Boolean);
    const shown = (this.#cards ?? []).filter(
      (c) =>
        (!this.#filters.commune || c.commune === this.#filters.commune) &&
        (!this.#filters.kind || c.kinds.some((k) => k.value === this.#filters.kind)) &&
        words.every((w) => c.text.includes(w)),
    );
    this.#root.querySelector('.st')!.textContent = t.results(shown.length);
    this.#root.querySelector('ul')!.innerHTML = shown
      .map(
        (c) =>
          `<li><article class="${c.cancelled ? 'cx' : ''}">${c.cancelled ? `<span class="x">${esc(t.cancelled)}</span>` : ''}<h3>${esc(c.title)}</h3>` +
          c.lines.map((l) => `<p class="m">${esc(l)}</p>`).join('') +
          (c.description ? `<p class="d">${esc(c.description)}</p>` : '') +
          (c.tags.length ? `<p class="tags">${c.tags.map((x) => `<span class="tag">${esc(x)}</span>`).join('')}</p>` : '') +
          (c.links.length ? `<p class="links">${c.links.map((l) => `<a href="${esc(l.href)}">${esc(l.label)}<span class="sr"> : ${esc(c.title)}</span></a>`).join('')}</p>` : '') +
          `</article></li>`,
      )
      .join('');
  }

  /** One JSON-LD script per event, in the light DOM (not rendered: no slot shows it). */
  #writeJsonLd(cards: Card[]) {
    this.querySelectorAll('script[data-tlr]').forEach((s) => s.remove());
    for (const c of cards) {
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
