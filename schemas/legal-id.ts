import * as z from 'zod';

/**
 * SIRET check key: the Luhn algorithm over the 14 digits. La Poste's establishments
 * (SIREN 356 000 000) are the one documented exception: the digits sum to a multiple of 5.
 */
export function isValidSiret(siret: string): boolean {
  if (!/^\d{14}$/.test(siret)) return false;
  if (siret.startsWith('356000000')) return [...siret].reduce((s, d) => s + Number(d), 0) % 5 === 0;
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    let d = Number(siret[13 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** A SIRET (14 digits, valid key) or an RNA number (`W` + 9 digits). */
export const LegalIdSchema = z
  .string()
  .trim()
  .superRefine((s, ctx) => {
    if (/^W\d{9}$/.test(s)) return;
    if (/^\d{14}$/.test(s)) {
      if (!isValidSiret(s)) ctx.addIssue({ code: 'custom', message: 'numéro SIRET invalide : la clé de contrôle ne correspond pas (vérifiez les 14 chiffres)' });
      return;
    }
    ctx.addIssue({ code: 'custom', message: 'attendu : un SIRET (14 chiffres) ou un numéro RNA (W suivi de 9 chiffres)' });
  })
  .meta({ description: 'SIRET (14 chiffres, clé de Luhn vérifiée) ou numéro RNA (W + 9 chiffres) de la structure qui porte le lieu' });
