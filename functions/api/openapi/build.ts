import * as z from 'zod';
import { routeDocs, type RouteDoc, type Access } from './registry.js';
import { ProblemSchema } from '../../../schemas/common.js';
import { PERMISSIONS, describePermission, type Permission } from '../../domain/permissions.js';
import { tagGroups } from './tag-groups.js';

type Json = Record<string, unknown>;

const ACCESS_TEXT: Record<Access, string> = {
  public: 'Public (lecture libre).',
  admin: 'Administrateur du réseau uniquement.',
  manager: 'Administrateur, ou gestionnaire du lieu concerné.',
  writer: 'Administrateur, gestionnaire du lieu concerné ou jeton d’intégration.',
  integration: 'Administrateur ou jeton d’intégration.',
  coordinator: 'Administrateur ou personne coordinatrice (jeton « coordinator »).',
  signed: 'Appel signé (secret partagé), sans jeton.',
};

/**
 * Converts a zod schema to JSON Schema 2020-12, moving named sub-schemas
 * (`.meta({id})`) into `components.schemas`.
 */
function toSchema(schema: z.ZodType, io: 'input' | 'output', components: Json): Json {
  const id = z.globalRegistry.get(schema)?.id as string | undefined;
  const raw = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any', reused: 'inline' }) as Json;
  const text = JSON.stringify(raw).replaceAll('"#/$defs/', '"#/components/schemas/');
  const { $defs, $schema, ...rest } = JSON.parse(text) as Json & { $defs?: Json };
  void $schema;
  for (const [k, v] of Object.entries($defs ?? {})) components[k] ??= v;
  if (id) {
    components[id] ??= { ...rest, ...(rest.id ? {} : {}) };
    delete (components[id] as Json).id;
    return { $ref: `#/components/schemas/${id}` };
  }
  return rest;
}

const PROBLEM_CONTENT = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };

/**
 * The errors every route of its kind may answer, besides those it documents itself: the
 * fuzz suite holds each route to this set (a status outside it is a bug or a missing doc).
 */
function standardErrors(r: RouteDoc): [number, string][] {
  const hasPathParams = /\{\w+\}/.test(r.path);
  const out: [number, string][] = [];
  if (hasPathParams || r.query || r.body || r.headers?.length) out.push([400, 'Requête invalide (champ et raison dans errors)']);
  out.push([401, r.access === 'public' || r.access === 'signed' ? 'Jeton présent mais invalide ou révoqué' : 'Jeton absent, invalide ou révoqué (toujours avant toute autre vérification)']);
  if (r.access !== 'public' && r.access !== 'signed') out.push([403, 'Ce jeton ne permet pas cette opération']);
  if (r.access === 'signed') out.push([403, 'Lien ou signature altéré'], [410, 'Lien expiré']);
  const refersToIds = Boolean(r.query && Object.keys(r.query.shape).some((k) => /id$/i.test(k)));
  if (hasPathParams || refersToIds || r.body) out.push([404, 'Introuvable (fiche inconnue ou non visible)']);
  if (r.headers?.some((h) => h.name.toLowerCase() === 'if-match')) out.push([409, 'La fiche a changé depuis la version indiquée (If-Match)']);
  if (r.body) out.push([413, 'Corps de plus de 100 Ko'], [422, 'Opération impossible (fiche liée inconnue, règle métier, service non configuré)']);
  out.push([503, 'Base de données momentanément indisponible (Retry-After)']);
  return out;
}

function operation(r: RouteDoc, components: Json): Json {
  const params: Json[] = [];
  for (const m of r.path.matchAll(/\{(\w+)\}/g)) params.push({ name: m[1], in: 'path', required: true, schema: { type: 'string' } });
  if (r.query) {
    const q = toSchema(r.query, 'input', components) as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, schema] of Object.entries(q.properties ?? {})) {
      params.push({ name, in: 'query', required: q.required?.includes(name) ?? false, schema, ...(schema.description ? { description: schema.description } : {}) });
    }
  }
  for (const h of r.headers ?? []) params.push({ name: h.name, in: 'header', required: h.required, description: h.description, schema: { type: 'string' } });
  const responses: Json = {};
  for (const [status, resp] of Object.entries(r.responses)) {
    const ct = resp.contentType ?? 'application/json';
    responses[status] = { description: resp.description, ...(resp.schema ? { content: { [ct]: { schema: toSchema(resp.schema, 'output', components) } } } : resp.contentType ? { content: { [ct]: {} } } : {}) };
  }
  for (const [status, description] of standardErrors(r)) responses[status] ??= { description, content: PROBLEM_CONTENT };
  responses.default = { description: 'Erreur (problem+json)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
  return {
    operationId: `${r.method}${r.path.replace(/\{(\w+)\}/g, 'By_$1').replace(/[^A-Za-z0-9_]+(.)?/g, (_, ch: string | undefined) => (ch ? ch.toUpperCase() : ''))}`,
    summary: r.summary,
    description: `Accès : ${ACCESS_TEXT[r.access]}${r.actions?.length ? `\n\nDroits : ${r.actions.map(describePermission).join(' — ')}.` : ''}`,
    ...(r.actions?.length ? { 'x-permissions': r.actions } : {}),
    tags: [r.tag],
    ...(params.length ? { parameters: params } : {}),
    ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(r.body, 'input', components) } } } } : {}),
    responses,
    ...(r.access === 'public' || r.access === 'signed' ? { security: [] } : {}),
  };
}

/** Shown at the top of /docs (Markdown): what the API is and who may call what. */
const DESCRIPTION = [
  'Annuaire partagé des lieux, espaces, matériel et compétences du réseau, mobilité des coworkers et relais des événements. ' +
    'Montants en centimes d’euro, dates ISO 8601 (jours en Europe/Paris), erreurs au format application/problem+json.',
  '',
  'Chaque route indique qui peut l’appeler (« Accès »). Un jeton se passe dans l’en-tête `Authorization: Bearer <jeton>` ; ' +
    'les lectures des données publiées n’en demandent pas.',
  '',
  '| Rôle | Qui |',
  '|---|---|',
  '| public | tout le monde, sans jeton |',
  '| administrateur | l’administrateur du réseau (jeton admin) |',
  '| gestionnaire | le gestionnaire d’un lieu (jeton lié à son lieu) |',
  '| intégration | un outil (tableur, webhook) avec son jeton |',
  '| appel signé | Airtable ou l’Apps Script du tableur (webhooks signés d’un secret partagé) |',
  '| lien signé | qui a reçu le lien (`?exp=…&sig=…`), jusqu’à son expiration |',
  '',
  '**Qui peut faire quoi** (la table que chaque cas d’usage consulte) :',
  '',
  '| Action | administrateur | gestionnaire | intégration | public |',
  '|---|---|---|---|---|',
  ...Object.values(PERMISSIONS).map((p: Permission) => {
    const cell = (g: string | undefined) => (g === 'all' ? 'oui' : g === 'own-place' ? 'son lieu' : '—');
    return `| ${p.label} | ${cell(p.roles.admin)} | ${cell(p.roles.manager)} | ${cell(p.roles.integration)} | ${cell(p.roles.public)} |`;
  }),
].join('\n');

let cached: Json | undefined;

/** The OpenAPI 3.1 document of every documented route. */
export function buildOpenApi(): Json {
  if (cached) return cached;
  const components: Json = {};
  toSchema(ProblemSchema, 'output', components);
  const paths: Record<string, Json> = {};
  for (const r of [...routeDocs].sort((a, b) => a.path.localeCompare(b.path))) {
    (paths[r.path] ??= {})[r.method] = operation(r, components);
  }
  const tags = [...new Set(routeDocs.map((r) => r.tag))];
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'Réseau des tiers-lieux de Dordogne — API',
      version: '1.0.0',
      description: DESCRIPTION,
    },
    servers: [{ url: '/' }],
    tags: tags.map((name) => ({ name })),
    'x-tagGroups': tagGroups(tags),
    paths,
    components: { schemas: components, securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
  };
  return cached;
}
