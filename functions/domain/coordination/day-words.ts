/** « lundi 2 mars 2026 » (the shared fr.ts gives dates without the weekday). */
export function dayInWordsFallback(day: string): string {
  return new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}
