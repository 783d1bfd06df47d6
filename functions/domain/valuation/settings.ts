import { settingsStore } from '../settings-store.js';
import { keys } from '../../../integrations/dynamodb/keys.js';
import { ValuationSettingsSchema, defaultValuationSettings, type ValuationSettings, type ValuationFigures } from '../../../schemas/valuation-settings.js';

/**
 * GET|PUT /v1/settings/valuation (admin). Defaults: the official figures; fields left out of a
 * PUT take them (the schema fills them in). Reports are computed from the figures in force
 * when they are asked for; past years stay reproducible as long as the dated figures of those
 * years are kept.
 */
const store = settingsStore<ValuationSettings, ValuationFigures>({
  name: 'valuation',
  action: 'valuation.settings',
  key: keys.valuationSettings,
  parse: (raw) => ValuationSettingsSchema.parse(raw),
  defaults: defaultValuationSettings,
});

export const readValuationSettings = store.read;
export const getValuationSettings = store.get;
export const saveValuationSettings = store.save;
