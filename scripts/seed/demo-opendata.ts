/**
 * Demo legal identifiers (invented: valid SIRET check keys, no real establishment) for
 * the open data file. Two places have none, so the open data report has something to
 * show: a place without SIRET or RNA is left out of the national file.
 */
const DEMO_LEGAL_IDS: Record<string, string> = {
  'perigueux-la-fabrique': '84120003378978',
  'bergerac-la-gabare': '79332782405586',
  'sarlat-le-cantou': '88274498296140',
  'nontron-l-etabli': 'W243004512',
  'riberac-la-grange': '53015181425772',
  'thiviers-le-relais': '90246657814059',
  'terrasson-les-terrasses': '81567040061343',
  'montpon-la-recyclerie': '77192988641869',
  'excideuil-le-chai': '88936880482419',
  'le-buisson-la-gare': '91408046231903',
  // 'lalinde-la-cale' and 'brantome-le-moulin': no legal id yet.
};

/** `{legalId}` for a demo place that has one, else nothing. */
export function demoLegalId(placeKey: string): { legalId?: string } {
  const legalId = DEMO_LEGAL_IDS[placeKey];
  return legalId ? { legalId } : {};
}
