/**
 * Turns API list items into display cards. The API is trusted for shape (it validates with
 * the project's zod schemas) but not for content: links are kept only when http(s), and all
 * text is escaped at render time.
 */
import type { Lang, Texts } from './i18n.js';
import { eventJsonLd, jsonLdScriptText, type JsonLdEventInput } from '../../functions/domain/events/json-ld.js';
import { categoryLabel } from '../../schemas/resource-categories.js';

/** Views listed as cards, one page at a time; `availability` has its own renderer. */
export type View = 'places' | 'resources' | 'events' | 'kit';

export interface Card {
  title: string;
  lines: string[];
  description?: string;
  tags: string[];
  links: { href: string; label: string }[];
  commune: string;
  kinds: { value: string; label: string }[];
  /** Folded text the search filter matches against. */
  text: string;
  cancelled?: boolean;
  jsonLd?: string;
}

interface PlaceItem {
  id: string;
  name: string;
  description?: string;
  address?: { commune?: string; postcode?: string };
  website?: string;
  tags?: string[];
}
interface ResourceItem {
  id: string;
  name: string;
  kind: string;
  category?: string;
  description?: string;
  capacity?: number;
  placeId: string;
  place?: { name: string; commune: string; website?: string };
  rates?: { unit: string; amountCents: number; audience: string }[];
  sharing?: { lendable?: boolean };
  bookingUrl?: string;
  uses?: string[];
}
interface KitItem {
  id: string;
  title: string;
  kind: string;
  description: string;
  url?: string;
  fileUrl?: string;
  licence: string;
  language: string;
  tags?: string[];
}
interface EventItem extends JsonLdEventInput {
  tags?: string[];
}

export const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

function safeUrl(u: string | undefined, base?: string): string | undefined {
  if (!u) return undefined;
  try {
    const url = new URL(u, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const short = (s: string | undefined, n = 220) => (s && s.length > n ? s.slice(0, n - 1).replace(/\s+\S*$/, '') + '…' : s);

/** Building a number format costs far more than using one: one per language and precision, shared by every card. */
const formats = new Map<string, Intl.NumberFormat>();
function euros(cents: number, lang: Lang): string {
  const digits = cents % 100 ? 2 : 0;
  const key = `${lang}${digits}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: digits })));
  return f.format(cents / 100);
}

/** Units a public price is shown in, most telling first: a day rate, else the next one the resource has. */
const PRICE_UNITS = ['day', 'half_day', 'hour', 'week', 'month', 'unit'] as const;

/** « 15 € / jour »: the public rate only (never a network or member rate), with its unit. */
export function publicPrice(rates: ResourceItem['rates'], lang: Lang, t: Texts): string {
  const pub = (rates ?? []).filter((x) => x.audience === 'public');
  for (const unit of PRICE_UNITS) {
    const r = pub.filter((x) => x.unit === unit).sort((a, b) => a.amountCents - b.amountCents)[0];
    if (r) return `${euros(r.amountCents, lang)} / ${t.units[unit]}`;
  }
  return '';
}

function when(e: EventItem, lang: Lang): string {
  const locale = lang === 'en' ? 'en-GB' : 'fr-FR';
  const opts: Intl.DateTimeFormatOptions = { timeZone: 'Europe/Paris', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' };
  const start = new Date(e.startsAt);
  if (!e.endsAt) return new Intl.DateTimeFormat(locale, opts).format(start);
  return new Intl.DateTimeFormat(locale, opts).formatRange(start, new Date(e.endsAt));
}

/** « français », « English »: the language's own name in the widget's language, else its code. */
function languageName(code: string, lang: Lang): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

function card(c: Omit<Card, 'text'>, extra: string[] = []): Card {
  return { ...c, text: fold([c.title, ...c.lines, c.description ?? '', ...c.tags, ...extra].join(' ')) };
}

/** Cards of one page of a view: each item carries what its card shows (a resource its place's name, commune and website). */
export function toCards(view: View, items: unknown[], o: { api: string; lang: Lang; t: Texts }): Card[] {
  const { t, lang } = o;
  if (view === 'places') {
    return (items as PlaceItem[]).map((p) => {
      const website = safeUrl(p.website);
      const commune = p.address?.commune ?? '';
      return card({
        title: p.name,
        lines: [commune],
        description: short(p.description),
        tags: p.tags ?? [],
        links: website ? [{ href: website, label: t.website }] : [],
        commune,
        kinds: (p.tags ?? []).map((x) => ({ value: x, label: x })),
      });
    });
  }
  if (view === 'resources') {
    return (items as ResourceItem[]).map((r) => {
      const category = r.category ? categoryLabel(r.category) : '';
      const facts = [t.kinds[r.kind] ?? r.kind, category, r.capacity ? t.capacity(r.capacity) : '', publicPrice(r.rates, lang, t), r.sharing?.lendable ? t.lendable : '']
        .filter(Boolean)
        .join(' · ');
      const booking = safeUrl(r.bookingUrl);
      const site = safeUrl(r.place?.website);
      const commune = r.place?.commune ?? '';
      return card(
        {
          title: r.name,
          lines: [r.place ? `${r.place.name} — ${commune}` : '', facts].filter(Boolean),
          description: short(r.description),
          tags: r.uses ?? [],
          links: [booking ? { href: booking, label: t.book } : undefined, site ? { href: site, label: t.website } : undefined].filter((l): l is { href: string; label: string } => !!l),
          commune,
          kinds: [{ value: r.kind, label: t.kinds[r.kind] ?? r.kind }],
        },
        [r.category ?? ''],
      );
    });
  }
  if (view === 'kit') {
    return (items as KitItem[]).map((a) => {
      // A file uploaded to the network (relative to the API when no public base URL is set), else the asset's own link.
      const file = safeUrl(a.fileUrl, o.api + '/');
      const url = safeUrl(a.url);
      const kind = t.kitKinds[a.kind] ?? a.kind;
      return card({
        title: a.title,
        lines: [[kind, languageName(a.language, lang)].join(' · '), t.licence(a.licence)],
        description: short(a.description),
        tags: a.tags ?? [],
        links: [file ? { href: file, label: t.download } : undefined, url ? { href: url, label: t.openLink } : undefined].filter((l): l is { href: string; label: string } => !!l),
        commune: '',
        kinds: [{ value: a.kind, label: kind }],
      });
    });
  }
  return (items as EventItem[]).map((e) => {
    const page = `${o.api}/events/${encodeURIComponent(e.id)}`;
    const own = safeUrl(e.url);
    const commune = e.place?.commune ?? '';
    return {
      ...card({
        title: e.title,
        lines: [when(e, lang), e.place ? `${e.place.name} — ${commune}` : '', e.priceCents === undefined ? '' : e.priceCents === 0 ? t.free : euros(e.priceCents, lang)].filter(Boolean),
        description: short(e.description),
        tags: e.tags ?? [],
        links: [{ href: page, label: t.details }, ...(own ? [{ href: own, label: t.website }] : [])],
        commune,
        kinds: (e.tags ?? []).map((x) => ({ value: x, label: x })),
        cancelled: e.status === 'cancelled',
      }),
      jsonLd: jsonLdScriptText(eventJsonLd({ ...e, url: own }, page)),
    };
  });
}
