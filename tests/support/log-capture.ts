/**
 * The log check of a whole test run (issue 10: "asserted by a test that greps the logs of a
 * full test run"). The global setup points `LOG_CAPTURE_FILE` at a fresh file, inherited by
 * the test workers and by the servers the tests start, so every line the logger writes at
 * INFO and above lands there. At teardown the whole file is scanned (log-scan.ts): a leak,
 * a line that is not JSON, or fewer request lines than the tests made requests, fails the run.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countRequestLines, scanLogText } from './log-scan.js';

let owned: string | undefined;

export function startLogCapture(): string {
  let file = process.env.LOG_CAPTURE_FILE;
  if (!file) {
    owned = mkdtempSync(join(tmpdir(), 'tiers-lieux-logs-'));
    file = join(owned, 'capture.jsonl');
    process.env.LOG_CAPTURE_FILE = file;
  }
  writeFileSync(file, '');
  writeFileSync(`${file}.requests`, '');
  return file;
}

/** Throws (so vitest exits non-zero) when the run's logs leak or were not all captured. */
export function checkLogCapture(file: string): string {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const counts = existsSync(`${file}.requests`) ? readFileSync(`${file}.requests`, 'utf8') : '';
  const expected = counts.split('\n').filter(Boolean).reduce((n, l) => n + Number(l), 0);
  const scan = scanLogText(text);
  const requestLines = countRequestLines(text);
  const summary = `log capture: ${scan.lines} lines scanned (${requestLines} request lines for ${expected} test requests), leaks ${scan.leaks.length}`;
  const problems: string[] = [];
  if (expected > 0 && scan.lines === 0) problems.push('the capture is empty although the tests made requests');
  if (requestLines < expected) problems.push(`only ${requestLines} request lines for ${expected} requests: lines were lost`);
  if (scan.notJson.length) problems.push(`${scan.notJson.length} lines are not JSON (first: line ${scan.notJson[0]})`);
  for (const l of scan.leaks.slice(0, 20)) problems.push(`line ${l.line}: ${l.kind} (${l.hint})`);
  if (problems.length) {
    // The file stays for inspection.
    throw new Error(`${summary}\n${problems.join('\n')}\nfile: ${file}`);
  }
  if (owned) rmSync(owned, { recursive: true, force: true });
  return summary;
}
