/**
 * One structured JSON logger (Powertools for AWS Lambda) for the API and the background
 * functions. Every line goes through `redactReplacer`: no email, phone, token or
 * Authorization header is ever written. Level: `POWERTOOLS_LOG_LEVEL` (INFO by default;
 * the test run sets WARN, and the log test raises it back to INFO).
 * With `LOG_CAPTURE_FILE` set, each line at INFO and above also goes to that file, even
 * below the console level (see log-capture.ts): the test run greps it for leaks.
 */
import { Logger, LogLevelThreshold, type LogItem } from '@aws-lambda-powertools/logger';
import type { ConstructorOptions, LogItemExtraInput, LogItemMessage } from '@aws-lambda-powertools/logger/types';
import { isDevMode } from '@aws-lambda-powertools/commons/utils/env';
import { redactReplacer } from './redact.js';
import { captureEnabled, captureLine } from './log-capture.js';

const noop = () => {};
/**
 * Read once, as Powertools reads it when the logger is built: reading `process.env` on every
 * line cost the API a fifth of its `GET /v1/health` throughput (`npm run bench -- health`).
 */
const DEV_MODE = isDevMode();

/**
 * One line to the stream, as the Console Powertools prints through would write it (same text,
 * same stream: stderr from WARN up), and as it does, a failed write (a closed pipe) never
 * throws nor becomes an uncaught error. Without the Console: its first call compiles Node's
 * whole `util.format` machinery for a string it returns unchanged, the largest part of the
 * first log line of a cold start (`npm run bench -- api`).
 */
function writeLine(stream: NodeJS.WriteStream, line: string): void {
  const guard = stream.listenerCount('error') === 0;
  if (guard) stream.once('error', noop);
  try {
    stream.write(line + '\n', (err) => {
      if (err && !(stream as unknown as { _writableState?: { errorEmitted?: boolean } })._writableState?.errorEmitted && stream.listenerCount('error') === 0) stream.once('error', noop);
    });
  } catch {
    // As Console: a log line never breaks the request.
  } finally {
    if (guard) stream.removeListener('error', noop);
  }
}

class CapturingLogger extends Logger {
  /** The line as printed (same attributes, same replacer), on one line. */
  #capture(log: LogItem): void {
    captureLine(JSON.stringify(log.getAttributes(), this.getJsonReplacer()));
  }

  protected override printLog(logLevel: number, log: LogItem): void {
    // POWERTOOLS_DEV (indented lines through the global console): Powertools' own printing.
    if (DEV_MODE) {
      super.printLog(logLevel, log);
      if (logLevel >= LogLevelThreshold.INFO && captureEnabled()) this.#capture(log);
      return;
    }
    log.prepareForPrint();
    const line = JSON.stringify(log.getAttributes(), this.getJsonReplacer());
    writeLine(logLevel >= LogLevelThreshold.WARN ? process.stderr : process.stdout, line);
    if (logLevel >= LogLevelThreshold.INFO && captureEnabled()) captureLine(line);
  }

  /** Lines below the console level are not printed: built the same way, for the file only. */
  protected override processLogItem(logLevel: number, input: LogItemMessage, extraInput: LogItemExtraInput): void {
    super.processLogItem(logLevel, input, extraInput);
    if (logLevel >= LogLevelThreshold.INFO && logLevel < this.level && captureEnabled()) {
      const item = this.createAndPopulateLogItem(logLevel, input, extraInput);
      item.prepareForPrint();
      this.#capture(item);
    }
  }

  protected override createLogger(options?: ConstructorOptions): Logger {
    return new CapturingLogger(options);
  }
}

export const logger: Logger = new CapturingLogger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'tiers-lieux',
  jsonReplacerFn: redactReplacer,
});

/** An error's name, message and cause chain, for a log line (the replacer masks what must be). */
export function describeError(err: unknown): Record<string, unknown> {
  const e = err as Error & { cause?: unknown };
  if (!e || typeof e !== 'object') return { error: String(err) };
  return { errorName: e.name, errorMessage: e.message, ...(e.cause !== undefined ? { cause: String((e.cause as Error)?.name ?? e.cause) + ': ' + String((e.cause as Error)?.message ?? '') } : {}), ...(e.stack ? { stack: e.stack } : {}) };
}
