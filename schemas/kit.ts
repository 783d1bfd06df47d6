import * as z from 'zod';
import { IdSchema, RecordMetaShape, TimestampSchema, UrlSchema, patchOf } from './common.js';

export const KIT_KINDS = ['template', 'pitch', 'logo', 'guide', 'photo', 'video', 'other'] as const;
export const KitKindSchema = z.enum(KIT_KINDS);
export type KitKind = z.infer<typeof KitKindSchema>;

export const KIT_MAX_FILE_BYTES = 20 * 1024 * 1024;

/** The file types a kit asset may carry, with the extension used when it is downloaded. */
export const KIT_FILE_TYPES = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/svg+xml': 'svg',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.presentation': 'odp',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'text/plain': 'txt',
  'text/markdown': 'md',
} as const;
export type KitFileType = keyof typeof KIT_FILE_TYPES;
const FILE_TYPE_LIST = Object.keys(KIT_FILE_TYPES) as [KitFileType, ...KitFileType[]];

export const KitAssetInputShape = {
  title: z.string().trim().min(1).max(200),
  kind: KitKindSchema,
  description: z.string().trim().min(1).max(5000),
  url: UrlSchema.optional().meta({ description: 'Lien vers la ressource quand elle est ailleurs (vidéo, dossier partagé…)' }),
  licence: z.string().trim().min(1).max(100).meta({ description: 'Ex. « CC BY-SA 4.0 », « Licence Ouverte 2.0 », « usage réservé au réseau »' }),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'code de langue attendu (ex. fr, en, oc)'),
  tags: z.array(z.string().trim().min(1).max(50)).max(30).default([]),
  placeId: IdSchema.optional().meta({ description: 'Le lieu qui propose l’élément ; sans lieu : un élément du réseau (administrateur)' }),
};

export const KitAssetInputSchema = z.strictObject(KitAssetInputShape).meta({ id: 'KitAssetInput' });
export type KitAssetInput = z.infer<typeof KitAssetInputSchema>;
export const KitAssetPatchSchema = patchOf(KitAssetInputShape).meta({ id: 'KitAssetPatch' });

export const KitAssetSchema = z
  .object({
    ...RecordMetaShape,
    ...KitAssetInputShape,
    tags: z.array(z.string()),
    fileUrl: z.string().optional().meta({ description: 'Adresse du fichier déposé' }),
    fileName: z.string().optional(),
    contentType: z.enum(FILE_TYPE_LIST).optional(),
    size: z.number().int().optional(),
    fileKey: z.string().optional().meta({ description: 'Clé du fichier dans le stockage (interne)' }),
  })
  .meta({ id: 'KitAsset' });
export type KitAsset = z.infer<typeof KitAssetSchema>;

export const KitUploadRequestSchema = z
  .strictObject({
    fileName: z.string().trim().min(1).max(200).regex(/^[^/\\\u0000-\u001f]+$/, 'nom de fichier sans / ni \\'),
    contentType: z.enum(FILE_TYPE_LIST, { error: `type de fichier non accepté (attendus : PDF, PNG, JPEG, WebP, SVG, ODT/ODP/ODS, DOCX/PPTX/XLSX, TXT/MD)` }),
    size: z.number().int().min(1, 'fichier vide').max(KIT_MAX_FILE_BYTES, 'fichier trop lourd : 20 Mo au plus'),
  })
  .meta({ id: 'KitUploadRequest' });
export type KitUploadRequest = z.infer<typeof KitUploadRequestSchema>;

export const KitUploadTicketSchema = z
  .object({ uploadId: z.string(), uploadUrl: z.string(), method: z.literal('PUT'), headers: z.record(z.string(), z.string()), expiresAt: TimestampSchema, completeUrl: z.string().optional().meta({ description: 'En AWS : à appeler (POST) une fois le fichier envoyé' }) })
  .meta({ id: 'KitUploadTicket', description: 'Envoyer le fichier par un PUT à uploadUrl avec ces en-têtes avant expiresAt' });
