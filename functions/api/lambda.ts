import { handle } from 'hono/aws-lambda';
import { createApp } from './app.js';
import { depsFromEnv } from '../deps-from-env.js';
import { logger } from '../observability/logger.js';

const app = handle(createApp(await depsFromEnv()));

/** Every log line of an invocation carries the Lambda context (request id, cold start, function). */
export const handler = async (event: Parameters<typeof app>[0], context: Parameters<typeof app>[1]) => {
  if (context) logger.addContext(context as unknown as Parameters<typeof logger.addContext>[0]);
  return app(event, context);
};
