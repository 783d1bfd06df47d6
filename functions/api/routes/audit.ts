import { Hono } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../env.js';
import { readQuery } from '../http/input.js';
import { documentRoute } from '../openapi/registry.js';
import { IdSchema, ListQueryShape, listOf } from '../../../schemas/common.js';
import { AuditEntrySchema } from '../../../schemas/audit.js';
import { listAudit } from '../../domain/audit.js';

const AuditQuery = z.strictObject({ ...ListQueryShape, entityId: IdSchema.optional().meta({ description: 'Identifiant de la fiche ; sans lui, les dernières modifications de tout le réseau' }) });

export const auditRoutes = new Hono<AppEnv>();

documentRoute({ method: 'get', path: '/v1/audit', tag: 'Service', access: 'admin', actions: ['audit.read'], summary: 'Journal des modifications : qui, quand, avant et après', query: AuditQuery, responses: { 200: { description: 'Entrées, plus récentes d’abord', schema: listOf(AuditEntrySchema) } } });
auditRoutes.get('/', async (c) => c.json(await listAudit(c.var.deps, c.var.actor, readQuery(c, AuditQuery))));
