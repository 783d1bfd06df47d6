import { handle } from 'hono/aws-lambda';
import { createApp } from './app.js';
import { depsFromEnv } from '../deps-from-env.js';

export const handler = handle(createApp(await depsFromEnv()));
