/**
 * Each route file documents its routes here, next to their handlers, with the
 * same zod schemas the handlers validate with; `buildOpenApi` turns this list
 * into the OpenAPI 3.1 document, and a test checks every app route is listed.
 */
import type { z } from 'zod';
import type { Action } from '../../domain/permissions.js';

export type Access = 'public' | 'admin' | 'manager' | 'writer' | 'integration' | 'coordinator' | 'signed';

export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path, `{param}` style. */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  /** The permission-table actions this route checks (printed in the docs, enumerated by the fuzz suite). */
  actions?: Action[];
  query?: z.ZodObject;
  body?: z.ZodType;
  headers?: { name: string; required: boolean; description: string }[];
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string }>;
}

export const routeDocs: RouteDoc[] = [];

export function documentRoute(doc: RouteDoc): void {
  routeDocs.push(doc);
}
