/** What every product page must show in Chromium: French, the security headers, no console error. */
import { expect } from 'vitest';
import type { Page, Response } from 'playwright-core';

/** Collects console errors and page errors; the document's own error status (a 404 page) is not one. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const own = m.location().url === page.url() && /the server responded with a status of (4|5)\d\d/.test(m.text());
    if (!own) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return problems;
}

/** The headers the layout module sends with every page. */
export function expectSecurePage(res: Response | null): void {
  expect(res).not.toBeNull();
  const headers = res!.headers();
  expect(headers['content-type']).toMatch(/^text\/html/);
  expect(headers['content-security-policy']).toMatch(/default-src 'none'/);
  expect(headers['content-security-policy']).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBeTruthy();
}
