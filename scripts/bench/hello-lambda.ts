/** The reference of the bundle bench: the smallest Hono Lambda handler, bundled like the API. */
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';

export const handler = handle(new Hono().get('/', (c) => c.text('hello')));
