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
