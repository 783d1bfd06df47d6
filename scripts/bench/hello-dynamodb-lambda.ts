/**
 * The floor of the bundle bench: the hello handler plus the DynamoDB document client the
 * project's table access is built on (created, not called), bundled like the API.
 */
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { createTableRef } from '../../integrations/dynamodb/client.js';

const table = createTableRef({ tableName: process.env.TABLE_NAME ?? 'hello' });

export const handler = handle(new Hono().get('/', (c) => c.text(`hello ${table.tableName}`)));
