/**
 * schema.org `Event` JSON-LD for search engines. Pure and dependency-free: the widget bundles
 * it (it writes one `<script type="application/ld+json">` per listed event) and the server
 * uses it on event pages.
 */
export interface JsonLdEventInput {
  id: string;
  title: string;
  description?: string;
  startsAt: string;
  endsAt?: string;
  url?: string;
  imageUrl?: string;
  priceCents?: number;
  status: 'scheduled' | 'cancelled';
  place?: { name: string; commune: string; street?: string; postcode?: string };
}

export function eventJsonLd(e: JsonLdEventInput, pageUrl?: string): Record<string, unknown> {
  const ld: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: e.title,
    startDate: e.startsAt,
    eventStatus: e.status === 'cancelled' ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
    eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
  };
  if (e.endsAt) ld.endDate = e.endsAt;
  if (e.description) ld.description = e.description;
  if (e.imageUrl) ld.image = [e.imageUrl];
  const url = e.url ?? pageUrl;
  if (url) ld.url = url;
  if (e.place) {
    ld.location = {
      '@type': 'Place',
      name: e.place.name,
      address: { '@type': 'PostalAddress', ...(e.place.street ? { streetAddress: e.place.street } : {}), ...(e.place.postcode ? { postalCode: e.place.postcode } : {}), addressLocality: e.place.commune, addressCountry: 'FR' },
    };
    ld.organizer = { '@type': 'Organization', name: e.place.name };
  }
  if (e.priceCents !== undefined) {
    ld.offers = { '@type': 'Offer', price: (e.priceCents / 100).toFixed(2), priceCurrency: 'EUR', availability: 'https://schema.org/InStock', ...(url ? { url } : {}) };
    if (e.priceCents === 0) ld.isAccessibleForFree = true;
  }
  return ld;
}

/** JSON for a `<script>` element: `<` escaped so the content can never close the element. */
export function jsonLdScriptText(ld: unknown): string {
  return JSON.stringify(ld).replace(/</g, '\\u003c');
}
