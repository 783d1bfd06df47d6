/**
 * The second floor of the bundle bench: the DynamoDB floor plus zod and the three directory
 * schemas (Place, Resource, Person), i.e. the stack's cost before any route is written.
 * It answers any GET, so the cold start with one request answered compares with the API's.
 */
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { createTableRef } from '../../integrations/dynamodb/client.js';
import { PlaceSchema } from '../../schemas/place.js';
import { ResourceSchema } from '../../schemas/resource.js';
import { PersonSchema } from '../../schemas/person.js';

const table = createTableRef({ tableName: process.env.TABLE_NAME ?? 'hello' });
const schemas = [PlaceSchema, ResourceSchema, PersonSchema];

export const handler = handle(new Hono().get('*', (c) => c.text(`hello ${table.tableName} ${schemas.length}`)));
