/**
 * The leak detector of the run-wide log check (tests/support/log-scan.ts, log-capture.ts),
 * shown able to fail: planted leaks of every kind are found, real log lines pass; and the
 * capture itself: a line below the console level still reaches LOG_CAPTURE_FILE, redacted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanLogText } from '../support/log-scan.js';
import { checkLogCapture } from '../support/log-capture.js';
import { logger } from '../../functions/observability/logger.js';
import { resetCapture } from '../../functions/observability/log-capture.js';

const line = (extra: Record<string, unknown>) => JSON.stringify({ level: 'INFO', message: 'request', timestamp: '2026-03-10T10:00:00.000Z', service: 'tiers-lieux', ...extra });

// Lines as the product writes them, with every kind of value that must not be taken for a leak.
const CLEAN = [
  line({ requestId: '4f8f76d4-a4a4-4d47-8a31-4ce580ba2bba', coldStart: false, method: 'GET', route: '/v1/people/{personId}', status: 200, durationMs: 12.3 }),
  line({ message: 'unhandled', errorMessage: 'panne pour [masqué] ([masqué]), Authorization: [masqué]', stack: 'Error: x\n    at /work/node_modules/@aws-sdk/lib-dynamodb/dist-cjs/index.js:107:26' }),
  line({ id: '01JUNKNOWNUNKNOWNUNKNOWN00', day: '2026-03-02', at: '2026-03-12T18:30:00+01:00', amount: 0.00123456789, big: 1e21, n: 1234567890, url: '/v1/statements/2026-03/x?exp=123&sig=[masqué]', sig: '[masqué]' }),
  line({ note: 'rappeler le [masqué]', text: 'tl_ est le préfixe des jetons', version: '2026.03.10', near: '45.18,0.72' }),
];

const PLANTED: [string, string][] = [
  ['email', line({ note: 'écrire à camille.martin@exemple-asso.fr' })],
  ['email', line({ 'bob@exemple.fr': 1 })],
  ['phone-fr', line({ note: 'tél. 06 12 34 56 78' })],
  ['phone-fr', line({ note: '06.12.34.56.78' })],
  ['phone-fr', line({ note: '0612345678' })],
  ['phone-intl', line({ note: '+33 6 98 76 54 32' })],
  ['phone-intl', line({ note: '+44 20 7946 0958' })],
  ['phone-intl', line({ note: '0033 6 98 76 54 32' })],
  ['token', line({ t: `tl_01JBADBADBADBADBADBADBADBA_${'a'.repeat(43)}` })],
  ['token', line({ t: 'tl_01JBADBADBAD' })],
  ['signature', line({ url: '/v1/statements/2026-03/x?exp=123&sig=AbCdEf0123' })],
  ['signature', line({ link: { sig: 'AbCdEf0123' } })],
  ['secret-param', line({ url: 'http://127.0.0.1:9/v19.0/123/feed?access_token=EAAbcdef' })],
  ['secret-param', line({ error: 'GET /x?api_key=k3y failed' })],
  ['bearer', line({ header: 'Bearer abc.def' })],
];

describe('the leak detector of the run-wide log check', () => {
  it('finds every planted leak, of each kind', () => {
    for (const [kind, planted] of PLANTED) {
      const r = scanLogText([...CLEAN, planted, ...CLEAN].join('\n') + '\n');
      expect(r.leaks.map((l) => l.kind), planted).toContain(kind);
      expect(r.leaks.every((l) => l.line === CLEAN.length + 1), planted).toBe(true);
      // The report never prints the secret back.
      for (const l of r.leaks) expect(l.hint.length).toBeLessThanOrEqual(5);
    }
  });

  it('passes the lines the product really writes', () => {
    expect(scanLogText(CLEAN.join('\n') + '\n')).toEqual({ lines: CLEAN.length, notJson: [], leaks: [] });
  });

  it('counts a line that is not JSON', () => {
    expect(scanLogText(`${CLEAN[0]}\nnot json\n[1]\n`).notJson).toEqual([2, 3]);
  });
});

describe('the check at the end of the run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'log-scan-test-'));
  const file = (name: string, text: string, requests: number[]) => {
    const f = join(dir, name);
    writeFileSync(f, text);
    writeFileSync(`${f}.requests`, requests.map((n) => `${n}\n`).join(''));
    return f;
  };

  it('passes a clean capture with a line per request, and says how much it scanned', () => {
    expect(checkLogCapture(file('ok.jsonl', CLEAN.join('\n') + '\n', [1, 1]))).toBe('log capture: 4 lines scanned (3 request lines for 2 test requests), leaks 0');
  });

  it('fails on a leak, on an empty capture, and on lost lines', () => {
    expect(() => checkLogCapture(file('leak.jsonl', [...CLEAN, PLANTED[0]![1]].join('\n') + '\n', [1]))).toThrow(/leaks 1\nline 5: email/);
    expect(() => checkLogCapture(file('empty.jsonl', '', [3]))).toThrow(/empty/);
    expect(() => checkLogCapture(file('lost.jsonl', CLEAN.join('\n') + '\n', [2, 5]))).toThrow(/only 3 request lines for 7 requests/);
  });
});

describe('LOG_CAPTURE_FILE', () => {
  const saved = process.env.LOG_CAPTURE_FILE;
  afterEach(() => {
    if (saved === undefined) delete process.env.LOG_CAPTURE_FILE;
    else process.env.LOG_CAPTURE_FILE = saved;
    resetCapture();
  });

  it('receives every line at INFO and above, below the console level too, as redacted JSON', () => {
    const f = join(mkdtempSync(join(tmpdir(), 'log-capture-test-')), 'c.jsonl');
    process.env.LOG_CAPTURE_FILE = f;
    resetCapture();
    const level = logger.getLevelName();
    logger.setLogLevel('ERROR');
    try {
      logger.debug('not kept', { marker: 'debug' });
      logger.info('kept', { marker: 'info', contact: 'camille.martin@exemple-asso.fr' });
      logger.warn('kept', { marker: 'warn' });
    } finally {
      logger.setLogLevel(level);
    }
    const lines = readFileSync(f, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([expect.objectContaining({ level: 'INFO', message: 'kept', marker: 'info', contact: '[masqué]' }), expect.objectContaining({ level: 'WARN', marker: 'warn' })]);
  });

  it('is never opened when the variable is unset', () => {
    delete process.env.LOG_CAPTURE_FILE;
    resetCapture();
    expect(() => logger.info('nowhere')).not.toThrow();
  });
});
