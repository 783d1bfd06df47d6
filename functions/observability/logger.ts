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
import { redactReplacer } from './redact.js';
import { captureEnabled, captureLine } from './log-capture.js';

class CapturingLogger extends Logger {
  /** The line as printed (same attributes, same replacer), on one line. */
  #capture(log: LogItem): void {
    captureLine(JSON.stringify(log.getAttributes(), this.getJsonReplacer()));
  }

  protected override printLog(logLevel: number, log: LogItem): void {
    super.printLog(logLevel, log);
    if (logLevel >= LogLevelThreshold.INFO && captureEnabled()) this.#capture(log);
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
