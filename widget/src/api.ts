/** The widget's only network calls: JSON GETs to the network's API, without credentials or referrer. */

export interface ListPage {
  items: unknown[];
  nextCursor?: string;
}

export async function getJson<T = ListPage>(url: string | URL): Promise<T> {
  const res = await fetch(url, { credentials: 'omit', referrerPolicy: 'no-referrer', headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return (await res.json()) as T;
}

/** A search form's choices (`GET /v1/facets`): one small answer, whatever the network's size. */
export interface Facet {
  value: string;
  places: number;
}
export interface Facets {
  communes?: Facet[];
  tags?: Facet[];
}
export const NO_FACETS: Facets = { communes: [], tags: [] };

/** A list URL with the non-empty parameters only. */
export function listUrl(api: string, path: string, params: Record<string, string | undefined>): string {
  const u = new URL(`${api}/v1/${path}`);
  for (const [k, v] of Object.entries(params)) if (v) u.searchParams.set(k, v);
  return u.href;
}

/** Today in Paris (the network's days), and the day `n` days later, as YYYY-MM-DD. */
export function parisDay(offsetDays = 0, now = new Date()): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offsetDays);
  return d.toISOString().slice(0, 10);
}
