/** A setup file (vitest.config.ts): after each test file, its request count for the log check. */
import { afterAll } from 'vitest';
import { appendFileSync } from 'node:fs';
import { requestCount } from './request-count.js';

afterAll(() => {
  const file = process.env.LOG_CAPTURE_FILE;
  if (file && requestCount.value > 0) appendFileSync(`${file}.requests`, `${requestCount.value}\n`);
});
