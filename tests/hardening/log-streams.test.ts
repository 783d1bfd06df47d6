/**
 * The logger writes its lines to the process streams itself (not through a Console, see
 * functions/observability/logger.ts): the same streams Powertools' Console used (stderr from
 * WARN up), one compact JSON object per line, and a failing stream never breaks the caller.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { logger } from '../../functions/observability/logger.js';

const originals = { out: process.stdout.write, err: process.stderr.write };
afterEach(() => {
  process.stdout.write = originals.out;
  process.stderr.write = originals.err;
  logger.setLogLevel('WARN');
});

function record(): { out: string[]; err: string[] } {
  const seen = { out: [] as string[], err: [] as string[] };
  process.stdout.write = ((chunk: string) => (seen.out.push(chunk), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => (seen.err.push(chunk), true)) as typeof process.stderr.write;
  return seen;
}

describe('log lines on the process streams', () => {
  it('INFO and DEBUG go to stdout, WARN and ERROR to stderr, each one JSON line', () => {
    logger.setLogLevel('DEBUG');
    const seen = record();
    logger.debug('d', { n: 1 });
    logger.info('i', { n: 2 });
    logger.warn('w', { n: 3 });
    logger.error('e', { n: 4 });
    process.stdout.write = originals.out;
    process.stderr.write = originals.err;

    const parse = (chunks: string[]) => chunks.map((c) => (expect(c).toMatch(/^\{[^\n]*\}\n$/), JSON.parse(c) as { level: string; message: string; n: number }));
    expect(parse(seen.out).map((l) => [l.level, l.message, l.n])).toEqual([
      ['DEBUG', 'd', 1],
      ['INFO', 'i', 2],
    ]);
    expect(parse(seen.err).map((l) => [l.level, l.message, l.n])).toEqual([
      ['WARN', 'w', 3],
      ['ERROR', 'e', 4],
    ]);
  });

  it('a stream that fails does not make the caller fail', () => {
    logger.setLogLevel('INFO');
    process.stdout.write = (() => {
      throw Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
    }) as typeof process.stdout.write;
    expect(() => logger.info('perdu', { n: 5 })).not.toThrow();
  });
});
