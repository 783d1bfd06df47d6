import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    // Counts each file's requests for the log check of the run (tests/support/log-capture.ts).
    setupFiles: ['tests/support/log-capture-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most test time is spent waiting on DynamoDB Local and Chromium: two files at a time on a
    // 2-core machine (vitest’s default there is one) keeps `npm test` under 10 minutes.
    maxWorkers: 2,
    // The versions pinned here run on Node 20; the SDK's notice about future releases is noise in test output.
    // One JSON log line per request would drown the test output: warnings and errors only
    // (tests/hardening/log-redaction.test.ts raises the level back to INFO for itself).
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', POWERTOOLS_LOG_LEVEL: 'WARN' },
  },
});
