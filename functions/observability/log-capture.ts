/**
 * `LOG_CAPTURE_FILE`: when set, every log line at INFO and above is also appended to that
 * file, whatever the console level, as the redacted JSON the logger emits. The test run sets
 * it (tests/support/global-setup.ts) and greps the whole file for personal data and secrets
 * afterwards: what is checked is what production would have written.
 * Never set in Lambda: without the variable nothing is opened and each line costs one lookup.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

let fd: number | null | undefined;

function captureFd(): number | null {
  if (fd === undefined) {
    const path = process.env.LOG_CAPTURE_FILE;
    // 'a': O_APPEND, so each line is one atomic write even with several processes on one file.
    fd = path ? openSync(path, 'a') : null;
  }
  return fd;
}

export function captureEnabled(): boolean {
  return captureFd() !== null;
}

/** Appends one line (synchronously: a crash right after a log line still leaves it in the file). */
export function captureLine(json: string): void {
  const f = captureFd();
  if (f !== null) writeSync(f, json + '\n');
}

/** For tests that point the capture elsewhere: the next line reopens from the environment. */
export function resetCapture(): void {
  if (typeof fd === 'number') closeSync(fd);
  fd = undefined;
}
