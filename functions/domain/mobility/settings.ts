import { settingsStore } from '../settings-store.js';
import { keys } from '../../../integrations/dynamodb/keys.js';
import { DEFAULT_MOBILITY_SETTINGS, MobilitySettingsSchema, type MobilitySettings, type MobilitySettingsInput } from '../../../schemas/mobility-settings.js';

/**
 * GET|PUT /v1/settings/mobility (admin). Defaults: the demo's when never set. Visits already
 * recorded keep the amounts they were posted with.
 */
const store = settingsStore<MobilitySettings, MobilitySettingsInput>({
  name: 'mobility',
  action: 'mobility.settings',
  key: keys.mobilitySettings,
  parse: (raw) => MobilitySettingsSchema.parse(raw),
  defaults: () => ({ ...DEFAULT_MOBILITY_SETTINGS }),
});

export const readMobilitySettings = store.read;
export const getMobilitySettings = store.get;
export const saveMobilitySettings = store.save;
