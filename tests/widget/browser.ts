/**
 * Real headless Chromium from Debian (`apt-get install chromium`), driven by playwright-core.
 * Never downloads a browser: when /usr/bin/chromium is missing the tests fail saying so.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = 'tests/artifacts';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium introuvable (${CHROMIUM_PATH}) : installez le paquet Debian « chromium » (apt-get install -y chromium) ou indiquez CHROMIUM_PATH. Aucun navigateur n’est téléchargé.`);
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
