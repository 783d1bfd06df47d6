import { Hono } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../env.js';
import { readIfMatch, readJson, readQuery } from '../http/input.js';
import { documentRoute } from '../openapi/registry.js';
import { BooleanQuerySchema, IdSchema, ListQueryShape, listOf } from '../../../schemas/common.js';
import { KitAssetInputSchema, KitAssetPatchSchema, KitAssetSchema, KitKindSchema, KitUploadRequestSchema, KitUploadTicketSchema } from '../../../schemas/kit.js';
import { archiveAsset, createAsset, getAsset, presentAsset, searchAssets, updateAsset } from '../../domain/kit/kit-assets.js';
import { FILE_SECURITY_HEADERS, completeUpload, contentDisposition, openAssetFile, receiveLocalUpload, requestUpload } from '../../domain/kit/kit-files.js';

const TAG = 'Kit de communication';
const KitQuery = z.strictObject({
  ...ListQueryShape,
  q: z.string().max(200).optional().meta({ description: 'Texte (insensible à la casse et aux accents)' }),
  kind: KitKindSchema.optional(),
  tag: z.string().max(50).optional(),
  placeId: IdSchema.optional(),
  includeArchived: BooleanQuerySchema.optional(),
});
const PublicAsset = KitAssetSchema.omit({ fileKey: true });

export const kitRoutes = new Hono<AppEnv>();

documentRoute({ method: 'get', path: '/v1/kit', tag: TAG, access: 'public', summary: 'Chercher dans le kit de communication (q, kind, tag, placeId)', query: KitQuery, responses: { 200: { description: 'Liste paginée, par titre', schema: listOf(PublicAsset) } } });
kitRoutes.get('/', async (c) => {
  const q = readQuery(c, KitQuery);
  const page = await searchAssets(c.var.deps, { ...q, includeArchived: q.includeArchived && c.var.actor.role === 'admin' });
  return c.json({ ...page, items: page.items.map(presentAsset) });
});

documentRoute({ method: 'post', path: '/v1/kit', tag: TAG, access: 'manager', actions: ['kit.write'], summary: 'Ajouter un élément au kit (un gestionnaire : pour son lieu ; sans lieu : élément du réseau, administrateur)', body: KitAssetInputSchema, responses: { 201: { description: 'Créé', schema: PublicAsset } } });
kitRoutes.post('/', async (c) => {
  const asset = await createAsset(c.var.deps, c.var.actor, await readJson(c, KitAssetInputSchema));
  c.header('Location', `/v1/kit/${asset.id}`);
  c.header('ETag', `"${asset.version}"`);
  return c.json(presentAsset(asset), 201);
});

// Upload routes first: `uploads` must not be taken for an asset id.
documentRoute({ method: 'put', path: '/v1/kit/uploads/{uploadId}', tag: TAG, access: 'signed', summary: 'Envoyer le fichier d’un dépôt (serveur local ; le lien à usage unique reçu de POST …/file tient lieu de jeton)', headers: [{ name: 'Content-Type', required: true, description: 'Le type annoncé lors de la demande de dépôt' }], responses: { 200: { description: 'Fichier vérifié et rattaché à l’élément', schema: PublicAsset }, 415: { description: 'Le contenu n’est pas du type annoncé' } } });
kitRoutes.put('/uploads/:uploadId', async (c) => {
  const length = c.req.header('content-length');
  const asset = await receiveLocalUpload(c.var.deps, c.req.param('uploadId'), c.req.query('token'), length ? Number(length) : undefined, () => c.req.arrayBuffer());
  return c.json(presentAsset(asset));
});

documentRoute({ method: 'post', path: '/v1/kit/uploads/{uploadId}/complete', tag: TAG, access: 'manager', actions: ['kit.write'], summary: 'Achever un dépôt envoyé au stockage S3 (AWS) : le type est vérifié sur les premiers octets', responses: { 200: { description: 'Fichier vérifié et rattaché', schema: PublicAsset }, 415: { description: 'Le contenu n’est pas du type annoncé' } } });
kitRoutes.post('/uploads/:uploadId/complete', async (c) => c.json(presentAsset(await completeUpload(c.var.deps, c.var.actor, c.req.param('uploadId')))));

documentRoute({ method: 'get', path: '/v1/kit/{assetId}', tag: TAG, access: 'public', summary: 'Lire un élément du kit', responses: { 200: { description: 'L’élément (ETag = version)', schema: PublicAsset } } });
kitRoutes.get('/:assetId', async (c) => {
  const asset = await getAsset(c.var.deps, c.req.param('assetId'));
  c.header('ETag', `"${asset.version}"`);
  return c.json(presentAsset(asset));
});

documentRoute({ method: 'patch', path: '/v1/kit/{assetId}', tag: TAG, access: 'manager', actions: ['kit.write'], summary: 'Modifier un élément du kit (les champs envoyés remplacent, null efface)', body: KitAssetPatchSchema, headers: [{ name: 'If-Match', required: false, description: 'Version attendue (ETag) : 409 si l’élément a changé entre-temps' }], responses: { 200: { description: 'Modifié', schema: PublicAsset } } });
kitRoutes.patch('/:assetId', async (c) => {
  const patch = await readJson(c, KitAssetPatchSchema);
  const asset = await updateAsset(c.var.deps, c.var.actor, c.req.param('assetId'), patch as Record<string, unknown>, { expectedVersion: readIfMatch(c) });
  c.header('ETag', `"${asset.version}"`);
  return c.json(presentAsset(asset));
});

documentRoute({ method: 'delete', path: '/v1/kit/{assetId}', tag: TAG, access: 'manager', actions: ['kit.write'], summary: 'Retirer un élément du kit (archivé, jamais détruit)', responses: { 200: { description: 'Archivé', schema: PublicAsset } } });
kitRoutes.delete('/:assetId', async (c) => c.json(presentAsset(await archiveAsset(c.var.deps, c.var.actor, c.req.param('assetId')))));

documentRoute({ method: 'post', path: '/v1/kit/{assetId}/file', tag: TAG, access: 'manager', actions: ['kit.write'], summary: 'Demander un dépôt de fichier (20 Mo au plus ; PDF, PNG, JPEG, WebP, SVG, ODT/ODP/ODS, DOCX/PPTX/XLSX, TXT/MD) : répond où envoyer le fichier (PUT)', body: KitUploadRequestSchema, responses: { 200: { description: 'Où et comment envoyer le fichier', schema: KitUploadTicketSchema } } });
kitRoutes.post('/:assetId/file', async (c) => c.json(await requestUpload(c.var.deps, c.var.actor, c.req.param('assetId'), await readJson(c, KitUploadRequestSchema))));

documentRoute({ method: 'get', path: '/v1/kit/{assetId}/file', tag: TAG, access: 'public', summary: 'Le fichier d’un élément, servi avec Content-Disposition et une CSP « sandbox » (aucun script ne s’y exécute)', responses: { 200: { description: 'Le fichier', contentType: '*/*' }, 302: { description: 'En AWS : redirection vers le CDN' } } });
kitRoutes.get('/:assetId/file', async (c) => {
  const { asset, bytes, redirect } = await openAssetFile(c.var.deps, c.req.param('assetId'));
  if (redirect) return c.redirect(redirect, 302);
  const headers: Record<string, string> = {
    ...FILE_SECURITY_HEADERS,
    'Content-Type': asset.contentType!.startsWith('text/') ? `${asset.contentType}; charset=utf-8` : asset.contentType!,
    'Content-Disposition': contentDisposition(asset.fileName ?? 'fichier', asset.contentType!),
    'Content-Length': String(bytes!.length),
    'Cache-Control': 'public, max-age=300',
  };
  return c.body(bytes!.buffer.slice(bytes!.byteOffset, bytes!.byteOffset + bytes!.byteLength) as ArrayBuffer, 200, headers);
});
