/** The erasure's text scrubber: the name's variants, the e-mail, the phone in its usual French spellings. */
import { describe, expect, it } from 'vitest';
import { scrubberFor } from '../../functions/domain/privacy/pseudonym.js';

const sc = scrubberFor({ id: '01JABCDEFGHJKMNPQRSTVWXYZ9', displayName: 'Héloïse Quintavalle', email: 'heloise.q@example.org', phone: '06 98 76 54 32' });
const P = sc.pseudonym;

describe('scrubberFor', () => {
  it('replaces the name as typed, in any case, without accents, with extra or non-breaking spaces, decomposed (NFD)', () => {
    for (const typed of ['Héloïse Quintavalle', 'HÉLOÏSE QUINTAVALLE', 'heloise quintavalle', 'Héloïse  Quintavalle', 'Héloïse\u00a0Quintavalle', 'Héloïse Quintavalle'.normalize('NFD')]) {
      expect(sc.scrub(`Merci à ${typed} !`)).toBe(`Merci à ${P} !`);
      expect(sc.holdsTrace({ note: `Merci à ${typed}` })).toBe(true);
    }
    expect(sc.scrub('Atelier de Héloïse Quintavalle')).toBe(`Atelier d’${P}`);
  });

  it('keeps other words: whole words only', () => {
    expect(sc.scrub('Héloïse Quintavalles, Héloïse Quintavallo')).toBe('Héloïse Quintavalles, Héloïse Quintavallo');
    expect(sc.holdsTrace('Héloïse Martin, rue Quintavalle')).toBe(false);
  });

  it('erases the e-mail in any case and the phone in its usual French spellings', () => {
    expect(sc.scrub('Écrire à HELOISE.Q@example.org')).toBe('Écrire à [effacé]');
    for (const phone of ['06 98 76 54 32', '0698765432', '06.98.76.54.32', '06-98-76-54-32', '+33 6 98 76 54 32', '+33698765432', '+33 (0)6 98 76 54 32', '0033 6 98 76 54 32', '06\u00a098\u00a076\u00a054\u00a032']) {
      expect(sc.scrub(`Tél. ${phone}.`)).toBe('Tél. [effacé].');
    }
    // Another number that shares digits is kept.
    expect(sc.scrub('Tél. 05 98 76 54 32 ou 06 98 76 54 321')).toBe('Tél. 05 98 76 54 32 ou 06 98 76 54 321');
    expect(sc.holdsTrace({ a: ['x', { b: '+33 6 98 76 54 32' }] })).toBe(true);
    expect(sc.holdsTrace({ a: ['x', { b: 42 }] })).toBe(false);
  });
});
