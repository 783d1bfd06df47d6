/**
 * The routes every directory record type shares: read one, create, patch,
 * archive (DELETE) and verify. List routes differ per type and live in their files.
 */
import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from '../env.js';
import { readIfMatch, readJson } from '../http/input.js';
import { documentRoute } from '../openapi/registry.js';
import { archiveRecord, createRecord, readRecord, updateRecord, verifyRecord } from '../../domain/directory/write-records.js';
import { RECORD_TYPES } from '../../domain/directory/record-types.js';
import type { DirectoryType } from '../../../integrations/dynamodb/keys.js';
import type { Actor } from '../../domain/actor.js';
import type { Deps } from '../../domain/deps.js';
import { NotFoundError } from '../../domain/errors.js';

export interface CrudOptions {
  type: DirectoryType;
  /** Path segment: `places`, `resources`, `people`. */
  collection: string;
  idParam: string;
  tag: string;
  outputSchema: z.ZodType;
  /** Shapes a stored record for this actor (hides private fields); undefined = not visible. */
  present: (deps: Deps, actor: Actor, record: Record<string, unknown>) => Promise<Record<string, unknown> | undefined>;
}

export function directoryCrudRoutes(o: CrudOptions): Hono<AppEnv> {
  const cfg = RECORD_TYPES[o.type];
  const base = `/v1/${o.collection}`;
  const item = `${base}/{${o.idParam}}`;
  const app = new Hono<AppEnv>();

  const reply = async (c: Context<AppEnv>, record: Record<string, unknown>, status: 200 | 201 = 200) => {
    const shown = await o.present(c.var.deps, c.var.actor, record);
    if (!shown) throw new NotFoundError(cfg.label, record.id as string);
    c.header('ETag', `"${record.version}"`);
    return c.json(shown, status);
  };

  documentRoute({ method: 'post', path: base, tag: o.tag, access: o.type === 'place' ? 'integration' : 'writer', actions: [o.type === 'place' ? 'place.create' : 'directory.write'], summary: `Créer : ${cfg.label.toLowerCase()}`, body: cfg.input, responses: { 201: { description: 'Créé', schema: o.outputSchema } } });
  app.post('/', async (c) => {
    const input = await readJson(c, cfg.input);
    const record = await createRecord(c.var.deps, c.var.actor, o.type, input as Record<string, unknown>);
    c.header('Location', `${base}/${record.id}`);
    return reply(c, record, 201);
  });

  documentRoute({ method: 'get', path: item, tag: o.tag, access: 'public', actions: ['directory.read', 'archived.read'], summary: `Lire : ${cfg.label.toLowerCase()} (archivée : administrateur et son lieu seulement, 404 pour les autres)`, responses: { 200: { description: 'La fiche (ETag = version)', schema: o.outputSchema } } });
  app.get(`/:id`, async (c) => reply(c, await readRecord(c.var.deps, c.var.actor, o.type, c.req.param('id'))));

  documentRoute({
    method: 'patch',
    path: item,
    tag: o.tag,
    access: 'writer',
    actions: ['directory.write'],
    summary: `Modifier : ${cfg.label.toLowerCase()} (les champs envoyés remplacent, null efface)`,
    body: cfg.patch,
    headers: [{ name: 'If-Match', required: false, description: 'Version attendue (ETag) : 409 si la fiche a changé entre-temps' }],
    responses: { 200: { description: 'Modifié', schema: o.outputSchema } },
  });
  app.patch(`/:id`, async (c) => {
    const patch = await readJson(c, cfg.patch);
    const record = await updateRecord(c.var.deps, c.var.actor, o.type, c.req.param('id'), patch as Record<string, unknown>, { expectedVersion: readIfMatch(c) });
    return reply(c, record);
  });

  documentRoute({ method: 'delete', path: item, tag: o.tag, access: 'writer', actions: ['directory.write'], summary: `Archiver : ${cfg.label.toLowerCase()} (jamais détruit)`, responses: { 200: { description: 'Archivé (archivedAt renseigné)', schema: o.outputSchema } } });
  app.delete(`/:id`, async (c) => reply(c, await archiveRecord(c.var.deps, c.var.actor, o.type, c.req.param('id'))));

  documentRoute({ method: 'post', path: `${item}/verify`, tag: o.tag, access: 'writer', actions: ['directory.write'], summary: `Marquer comme vérifié aujourd’hui (verifiedAt)`, responses: { 200: { description: 'Vérifié', schema: o.outputSchema } } });
  app.post(`/:id/verify`, async (c) => reply(c, await verifyRecord(c.var.deps, c.var.actor, o.type, c.req.param('id'))));

  return app;
}
