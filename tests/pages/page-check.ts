/**
 * Opens a page of the product in real Chromium and records what a visitor's browser saw:
 * the answer's status and headers, console errors (CSP violations are reported there),
 * uncaught exceptions, and every request made to another origin.
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Browser, Page } from 'playwright-core';

export interface Served {
  origin: string;
  close(): void;
}

/** Serves a Hono app (the product's) on a free local port. */
export async function serveApp(fetch: (req: Request) => Response | Promise<Response>): Promise<Served> {
  const server: ServerType = serve({ fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => (server.listening ? r() : server.once('listening', () => r())));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

export interface OpenedPage {
  page: Page;
  status: number;
  headers: Record<string, string>;
  /** Console errors and uncaught exceptions. */
  errors: string[];
  /** Requests to any other origin. */
  foreign: string[];
  /** Sub-resources answered with an error status (the page itself excluded). */
  failed: string[];
}

export async function openPage(browser: Browser, url: string, opts: { waitFor?: string; timeoutMs?: number } = {}): Promise<OpenedPage> {
  const page = await browser.newPage({ locale: 'fr-FR', viewport: { width: 1100, height: 900 } });
  const errors: string[] = [];
  const foreign: string[] = [];
  const failed: string[] = [];
  const origin = new URL(url).origin;
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`exception: ${e.message}`));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) foreign.push(u);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && r.url() !== url) failed.push(`${r.status()} ${r.url()}`);
  });
  const res = await page.goto(url, { waitUntil: 'load' });
  if (!res) throw new Error(`no answer for ${url}`);
  if (opts.waitFor) await page.locator(opts.waitFor).first().waitFor({ timeout: opts.timeoutMs ?? 20_000 });
  const status = res.status();
  // Chromium logs an error page's own status as a console error: that one is the point, not a fault.
  const own = errors.indexOf(`Failed to load resource: the server responded with a status of ${status} (${res.statusText()})`);
  if (status >= 400 && own >= 0) errors.splice(own, 1);
  return { page, status, headers: await res.allHeaders(), errors, foreign, failed };
}
