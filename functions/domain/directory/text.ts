/** Lower-case, accents removed, punctuation folded to spaces: "Périgueux" → "perigueux". */
export function normalizeText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’'`_\-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Every word of the query appears somewhere in the haystack (already normalized). */
export function matchesQuery(haystack: string, query: string): boolean {
  const words = normalizeText(query).split(' ').filter(Boolean);
  return words.every((w) => haystack.includes(w));
}

/** Words of a text, normalised: what the search index stores and a query is cut into. */
export function searchTokens(s: string): string[] {
  return normalizeText(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** A query's distinct words, normalised once per search (not once per record). */
export function queryTerms(q: string | undefined): string[] {
  return q ? [...new Set(searchTokens(q))] : [];
}

/** The words of a record as one string, " word word ", so a prefix test is one `includes`. */
export function searchString(tokens: string[]): string {
  return ` ${[...new Set(tokens)].join(' ')} `;
}

/** Every query word begins some word of the record (`searchString` form): "bois" finds "boisé". */
export function matchesTerms(haystack: string, terms: string[]): boolean {
  for (const t of terms) if (!haystack.includes(' ' + t)) return false;
  return true;
}
