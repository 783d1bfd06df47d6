/**
 * A place's postcode and commune must name a commune that exists (the open data file
 * derives the INSEE code from them). The reference data is imported on first use only,
 * so a cold start of the directory does not pay for it.
 */
import { ValidationError } from '../errors.js';

interface Address {
  postcode: string;
  commune: string;
}

/** 400 with the field to fix and, when the postcode exists, the communes it serves. */
export async function requireExistingCommune(address: Address): Promise<void> {
  const { communesOfPostcode, findCommune } = await import('../../../integrations/geo/commune-lookup.js');
  if (findCommune(address.postcode, address.commune)) return;
  const served = communesOfPostcode(address.postcode).map((c) => c.name);
  if (!served.length) {
    throw new ValidationError([{ path: 'address.postcode', message: `le code postal ${address.postcode} n’existe pas` }], `Le code postal ${address.postcode} n’existe pas.`);
  }
  const list = served.length > 12 ? `${served.slice(0, 12).join(', ')}…` : served.join(', ');
  throw new ValidationError(
    [{ path: 'address.commune', message: `la commune « ${address.commune} » n’a pas le code postal ${address.postcode} (communes de ce code postal : ${list})` }],
    `Le code postal ${address.postcode} et la commune « ${address.commune} » ne correspondent à aucune commune existante.`,
  );
}
