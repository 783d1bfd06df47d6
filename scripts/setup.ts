/**
 * `npm run setup`: puts the integrations' secrets (spreadsheet, Facebook Page) in AWS Secrets
 * Manager from a guided prompt. Uses the usual AWS settings (AWS_PROFILE, AWS_REGION, and
 * AWS_ENDPOINT_URL_SECRETS_MANAGER for another endpoint); see docs/mise-en-ligne.md.
 */
import { Prompter } from './setup/prompter.js';
import { awsSecretsStore } from './setup/secrets-store.js';
import { runSetup } from './setup/run-setup.js';

const prompter = new Prompter(process.stdin, process.stdout);
try {
  await runSetup(prompter, awsSecretsStore());
  process.exit(0);
} catch (err) {
  const e = err as Error & { name?: string };
  const why =
    e.name === 'CredentialsProviderError' || /credential/i.test(e.message)
      ? 'identifiants AWS introuvables : lancez « aws configure » (ou choisissez un profil avec AWS_PROFILE), puis recommencez.'
      : e.message;
  console.error(`\nÉchec : ${why}`);
  process.exit(1);
}
