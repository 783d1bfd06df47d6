import { settingsStore } from '../settings-store.js';
import { keys } from '../../../integrations/dynamodb/keys.js';
import { DEFAULT_GOVERNANCE_SETTINGS, GovernanceSettingsSchema, type GovernanceSettings, type GovernanceSettingsInput } from '../../../schemas/decision.js';

/**
 * GET|PUT /v1/settings/governance (admin). Defaults: those of the issue (half the members,
 * simple majority, one proxy each, no quorum on second call). Proposals already created keep
 * the rule and quorum they were created with.
 */
const store = settingsStore<GovernanceSettings, GovernanceSettingsInput>({
  name: 'governance',
  action: 'governance.settings',
  key: keys.governanceSettings,
  parse: (raw) => GovernanceSettingsSchema.parse(raw),
  defaults: () => ({ ...DEFAULT_GOVERNANCE_SETTINGS }),
});

export const readGovernanceSettings = store.read;
export const getGovernanceSettings = store.get;
export const saveGovernanceSettings = store.save;
