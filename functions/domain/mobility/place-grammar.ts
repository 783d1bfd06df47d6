/**
 * French prepositions before names: « à » and « de » contract with a leading « Le » / « Les »
 * (« au Cantou », « des Terrasses ») and « de » elides before a vowel or a mute h
 * (« d’Agnès », via the shared ofName). Names are used as written otherwise.
 */
import { ofName } from '../text/fr.js';

const LE = /^le\s+/i;
const LES = /^les\s+/i;

/** « de » + name: « du Cantou », « des Terrasses », « de La Gabare », « d’Agnès ». */
export function deName(name: string): string {
  const n = name.trim();
  if (LES.test(n)) return `des ${n.replace(LES, '')}`;
  if (LE.test(n)) return `du ${n.replace(LE, '')}`;
  return ofName(n);
}

/** « à » + name: « au Cantou », « aux Terrasses », « à La Gabare ». */
export function aName(name: string): string {
  const n = name.trim();
  if (LES.test(n)) return `aux ${n.replace(LES, '')}`;
  if (LE.test(n)) return `au ${n.replace(LE, '')}`;
  return `à ${n}`;
}

/** First letter upper case (a sentence that starts with « la tête de réseau »). */
export function capitalise(s: string): string {
  return s.charAt(0).toLocaleUpperCase('fr-FR') + s.slice(1);
}
