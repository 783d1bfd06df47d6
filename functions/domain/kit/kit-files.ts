/**
 * Files of kit assets. Primary course of an upload:
 * 1. `POST /v1/kit/{assetId}/file` (a writer of the asset): the declared type must be an
 *    accepted one and the size at most 20 MB; a pending upload is stored (its one-time
 *    token hashed, 15 minutes) and the caller gets where to PUT the bytes;
 * 2. the bytes go to S3 (presigned PUT) or to the local server (`PUT /v1/kit/uploads/…`);
 * 3. the first bytes are read back and sniffed: a file that is not what it claimed is
 *    deleted and refused (415); otherwise the asset gets `fileUrl`, `contentType`, `size`.
 *    Locally step 3 runs in the PUT itself; in AWS the client calls
 *    `POST /v1/kit/uploads/{uploadId}/complete` (`completeUrl`) once S3 has the object.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Deps } from '../deps.js';
import type { Actor } from '../actor.js';
import { authorize } from '../permissions.js';
import { AppError, BadRequestError, NotFoundError, PayloadTooLargeError } from '../errors.js';
import { SNIFF_BYTES, sniffFileType } from './file-type.js';
import { FILE_SECURITY_HEADERS, KIT_FILES_PREFIX } from './file-headers.js';
import { getAsset, saveAsset } from './kit-assets.js';
import { deleteKitUpload, getKitUpload, putKitUpload } from '../../../integrations/dynamodb/kit-repository.js';
import type { FileStore } from '../../../integrations/files/file-store.js';
import { KIT_FILE_TYPES, KIT_MAX_FILE_BYTES, type KitAsset, type KitFileType, type KitUploadRequest } from '../../../schemas/kit.js';

const UPLOAD_MINUTES = 15;
export { FILE_SECURITY_HEADERS, KIT_FILES_PREFIX };

export class FileStoreMissingError extends AppError {
  constructor() {
    super(503, 'Stockage indisponible', 'Le stockage des fichiers du kit n’est pas configuré sur ce serveur.');
    (this as { expose: boolean }).expose = true;
  }
}
export class FileTypeMismatchError extends AppError {
  constructor(declared: string, found: string | undefined) {
    super(415, 'Type de fichier refusé', found ? `Le fichier annoncé comme ${declared} est en réalité un fichier ${found} : envoyez-le avec son vrai type.` : `Le contenu du fichier ne correspond pas au type annoncé (${declared}) ni à aucun type accepté.`);
  }
}
class UploadLinkError extends AppError {
  constructor(status: 404 | 410, detail: string) {
    super(status, status === 404 ? 'Lien de dépôt inconnu' : 'Lien de dépôt expiré', detail);
  }
}

function store(deps: Deps): FileStore {
  if (!deps.files) throw new FileStoreMissingError();
  return deps.files;
}

const hash = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Inline for what a browser shows safely under the sandbox CSP; office files are downloaded. */
export function contentDisposition(fileName: string, type: KitFileType): string {
  const inline = type.startsWith('image/') || type === 'application/pdf' || type.startsWith('text/');
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** The name the file is downloaded under always ends with its real type's extension. */
function downloadName(fileName: string, type: KitFileType): string {
  const ext = KIT_FILE_TYPES[type];
  return fileName.toLowerCase().endsWith(`.${ext}`) || (ext === 'jpg' && /\.jpe?g$/i.test(fileName)) ? fileName : `${fileName}.${ext}`;
}

export async function requestUpload(deps: Deps, actor: Actor, assetId: string, req: KitUploadRequest): Promise<{ uploadId: string; uploadUrl: string; method: 'PUT'; headers: Record<string, string>; expiresAt: string; completeUrl?: string }> {
  const asset = await getAsset(deps, assetId);
  authorize(actor, 'kit.write', asset.placeId);
  const files = store(deps);
  const uploadId = deps.newId();
  const token = randomBytes(32).toString('base64url');
  const fileName = downloadName(req.fileName, req.contentType);
  // Under `kit-files/`: the path the CDN serves from the bucket (its only readable prefix).
  const key = `${KIT_FILES_PREFIX}${assetId}/${uploadId}.${KIT_FILE_TYPES[req.contentType]}`;
  const expiresAt = new Date(deps.now().getTime() + UPLOAD_MINUTES * 60_000).toISOString();
  await putKitUpload(deps.table, { uploadId, assetId, key, fileName, contentType: req.contentType, size: req.size, tokenHash: hash(token), expiresAt });
  if (files.kind === 's3') {
    const put = await files.presignPut!(key, { contentType: req.contentType, size: req.size, disposition: contentDisposition(fileName, req.contentType), expiresInSeconds: UPLOAD_MINUTES * 60 });
    return { uploadId, uploadUrl: put.url, method: 'PUT', headers: put.headers, expiresAt, completeUrl: `${deps.publicBaseUrl ?? ''}/v1/kit/uploads/${uploadId}/complete` };
  }
  return { uploadId, uploadUrl: `${deps.publicBaseUrl ?? ''}/v1/kit/uploads/${uploadId}?token=${token}`, method: 'PUT', headers: { 'content-type': req.contentType }, expiresAt };
}

interface PendingUpload {
  uploadId: string;
  assetId: string;
  key: string;
  fileName: string;
  contentType: KitFileType;
  size: number;
  tokenHash: string;
  expiresAt: string;
}

async function pendingUpload(deps: Deps, uploadId: string): Promise<PendingUpload> {
  const raw = (await getKitUpload(deps.table, uploadId)) as PendingUpload | undefined;
  if (!raw) throw new UploadLinkError(404, 'Ce lien de dépôt n’existe pas ou a déjà servi : demandez-en un nouveau.');
  if (raw.expiresAt <= deps.now().toISOString()) throw new UploadLinkError(410, 'Ce lien de dépôt a expiré : demandez-en un nouveau.');
  return raw;
}

/** Checks the stored bytes, then attaches the file to the asset (or deletes it and refuses). */
async function attach(deps: Deps, actor: Actor, up: PendingUpload, size: number): Promise<KitAsset> {
  const files = store(deps);
  const head = await files.readStart(up.key, SNIFF_BYTES);
  if (!head) throw new BadRequestError('Aucun fichier reçu pour ce dépôt : envoyez d’abord le fichier (PUT).');
  const found = sniffFileType(head, up.contentType);
  if (found !== up.contentType || size > KIT_MAX_FILE_BYTES || size !== up.size) {
    await files.remove(up.key);
    await deleteKitUpload(deps.table, up.uploadId);
    if (found !== up.contentType) throw new FileTypeMismatchError(up.contentType, found);
    throw new BadRequestError(`Le fichier reçu fait ${size} octets au lieu des ${up.size} annoncés.`);
  }
  if (!(await deleteKitUpload(deps.table, up.uploadId))) throw new UploadLinkError(404, 'Ce dépôt a déjà été enregistré.');
  const before = await getAsset(deps, up.assetId);
  const now = deps.now().toISOString();
  const after: KitAsset = { ...before, fileUrl: `${deps.publicBaseUrl ?? ''}/v1/kit/${before.id}/file`, fileName: up.fileName, contentType: up.contentType, size, fileKey: up.key, updatedAt: now, version: before.version + 1 };
  const saved = await saveAsset(deps, actor, 'file', before, after);
  if (before.fileKey && before.fileKey !== up.key) await files.remove(before.fileKey);
  return saved;
}

/** PUT /v1/kit/uploads/{uploadId}?token= (the local server): the link itself is the credential. */
export async function receiveLocalUpload(deps: Deps, uploadId: string, token: string | undefined, declaredLength: number | undefined, body: () => Promise<ArrayBuffer>): Promise<KitAsset> {
  const up = await pendingUpload(deps, uploadId);
  const given = Buffer.from(hash(token ?? ''));
  if (!token || given.length !== up.tokenHash.length || !timingSafeEqual(given, Buffer.from(up.tokenHash))) throw new UploadLinkError(404, 'Ce lien de dépôt n’existe pas ou a déjà servi : demandez-en un nouveau.');
  if (declaredLength !== undefined && declaredLength > KIT_MAX_FILE_BYTES) throw new PayloadTooLargeError(KIT_MAX_FILE_BYTES);
  const bytes = new Uint8Array(await body());
  if (bytes.length > KIT_MAX_FILE_BYTES) throw new PayloadTooLargeError(KIT_MAX_FILE_BYTES);
  const files = store(deps);
  if (files.kind !== 'local') throw new BadRequestError('Sur ce serveur, les fichiers s’envoient directement au stockage (uploadUrl).');
  await files.put!(up.key, bytes, up.contentType);
  return attach(deps, { role: 'system', id: `kit-upload:${uploadId}` }, up, bytes.length);
}

/** POST /v1/kit/uploads/{uploadId}/complete (AWS): S3 holds the object; check it and attach it. */
export async function completeUpload(deps: Deps, actor: Actor, uploadId: string): Promise<KitAsset> {
  const up = await pendingUpload(deps, uploadId);
  const asset = await getAsset(deps, up.assetId);
  authorize(actor, 'kit.write', asset.placeId);
  const files = store(deps);
  if (files.kind !== 's3' || !files.sizeOf) throw new BadRequestError('Sur ce serveur, le dépôt s’achève avec le PUT lui-même.');
  const size = await files.sizeOf(up.key);
  if (size === undefined) throw new BadRequestError('Aucun fichier reçu pour ce dépôt : envoyez d’abord le fichier (PUT).');
  return attach(deps, actor, up, size);
}

/** GET /v1/kit/{assetId}/file: the bytes (local), or where the CDN serves them (AWS). */
export async function openAssetFile(deps: Deps, assetId: string): Promise<{ asset: KitAsset; bytes?: Uint8Array; redirect?: string }> {
  const asset = await getAsset(deps, assetId);
  if (!asset.fileKey || !asset.contentType) throw new NotFoundError('Fichier de l’élément', assetId);
  const files = store(deps);
  if (files.kind === 's3') return { asset, redirect: `${deps.publicBaseUrl ?? ''}/${asset.fileKey}` };
  const bytes = await files.read!(asset.fileKey);
  if (!bytes) throw new NotFoundError('Fichier de l’élément', assetId);
  return { asset, bytes };
}
