/**
 * view="availability": the free places of the next 7 days (GET /v1/availability, counts only,
 * never who is there), grouped by day. « Près de chez moi » asks the browser for its position
 * only when pressed, then the API sorts the places nearest first (`near=lat,lon`). « Réserver »
 * opens the member card flow of the API (/m/reserver?placeId=&date=) in a new tab: the card
 * that phone keeps books the day, through the reservation use case.
 */
import type { Lang, Texts } from './i18n.js';
import { getJson, listUrl, parisDay } from './api.js';

interface Slot {
  placeId: string;
  placeName: string;
  commune: string;
  date: string;
  remaining: number;
  openingHours?: string;
  distanceKm?: number;
}

export interface AvailabilityContext {
  api: string;
  place?: string;
  lang: Lang;
  t: Texts;
  /** False once the element started another load (its answer is then dropped). */
  isCurrent(): boolean;
  onError(retry: () => void): void;
}

const DAYS = 7;
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function dayLabel(day: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'fr-FR', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(`${day}T12:00:00Z`));
}

function slotHtml(s: Slot, day: string, ctx: AvailabilityContext): string {
  const { t } = ctx;
  const where = [s.commune, s.distanceKm !== undefined ? t.away(s.distanceKm) : ''].filter(Boolean).join(' · ');
  return (
    `<li><article><h4>${esc(s.placeName)}</h4><p class="m">${esc(where)}</p><p class="free">${esc(t.freePlaces(s.remaining))}</p>` +
    (s.openingHours ? `<p class="m">${esc(s.openingHours)}</p>` : '') +
    `<p class="links"><button type="button" class="reserve" data-place="${esc(s.placeId)}" data-date="${esc(s.date)}">${esc(t.book)}<span class="sr"> : ${esc(s.placeName)}, ${esc(day)}</span></button></p></article></li>`
  );
}

export function showAvailability(section: HTMLElement, ctx: AvailabilityContext): void {
  const { t } = ctx;
  const bar = document.createElement('div');
  bar.className = 'bar';
  bar.innerHTML = `<button type="button" class="near" aria-describedby="near-hint">${esc(t.nearMe)}</button><p class="m" id="near-hint"></p>`;
  const hint = bar.querySelector('p')!;
  const nearButton = bar.querySelector('button')!;
  if (!('geolocation' in navigator)) nearButton.hidden = true;
  section.querySelector('h2')!.after(bar);
  const days = document.createElement('div');
  days.className = 'days';
  section.append(days);
  const status = section.querySelector('.st')!;
  let near: string | undefined;

  const render = (items: Slot[]) => {
    const dates = Array.from({ length: DAYS }, (_, i) => parisDay(i));
    let withRoom = 0;
    days.innerHTML = dates
      .map((date) => {
        const label = dayLabel(date, ctx.lang);
        const free = items.filter((s) => s.date === date && s.remaining > 0);
        if (free.length) withRoom++;
        return `<h3>${esc(label)}</h3>` + (free.length ? `<ul>${free.map((s) => slotHtml(s, label, ctx)).join('')}</ul>` : `<p class="m">${esc(t.noFreePlace)}</p>`);
      })
      .join('');
    status.textContent = t.daysShown(withRoom);
    section.setAttribute('aria-busy', 'false');
  };

  const load = async () => {
    section.setAttribute('aria-busy', 'true');
    try {
      const body = await getJson<{ items: Slot[] }>(listUrl(ctx.api, 'availability', { date: parisDay(0), to: parisDay(DAYS - 1), placeId: ctx.place, near }));
      if (ctx.isCurrent()) render(body.items ?? []);
    } catch {
      if (ctx.isCurrent()) ctx.onError(() => void load());
    }
  };

  nearButton.addEventListener('click', () => {
    hint.textContent = t.locating;
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        // Four decimals (about 10 m) are plenty to sort places by distance.
        near = `${pos.coords.latitude.toFixed(4)},${pos.coords.longitude.toFixed(4)}`;
        hint.textContent = t.nearest;
        void load();
      },
      () => (hint.textContent = t.noLocation),
      { timeout: 15_000, maximumAge: 600_000 },
    );
  });

  days.addEventListener('click', (e) => {
    const button = (e.target as HTMLElement).closest<HTMLButtonElement>('button.reserve');
    if (!button) return;
    const u = new URL(`${ctx.api}/m/reserver`);
    u.searchParams.set('placeId', button.dataset.place!);
    u.searchParams.set('date', button.dataset.date!);
    window.open(u.href, '_blank', 'noopener');
  });

  void load();
}
