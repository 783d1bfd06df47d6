import * as z from 'zod';
import { IdSchema, RecordMetaShape, TimestampSchema, patchOf, nameText } from './common.js';
import { PlaceSummarySchema } from './place.js';

export const SKILL_LEVELS = ['beginner', 'intermediate', 'expert'] as const;

export const SkillSchema = z.strictObject({
  name: nameText(80),
  level: z.enum(SKILL_LEVELS).optional(),
});

export const PersonInputShape = {
  homePlaceId: IdSchema,
  displayName: nameText(120),
  email: z.email().optional().meta({ description: 'Privé : visible du seul admin et du gestionnaire du lieu d’attache' }),
  phone: z.string().trim().max(40).optional().meta({ description: 'Privé, comme email' }),
  skills: z.array(SkillSchema).max(50).optional(),
  bio: z.string().max(3000).optional(),
  publicProfile: z.boolean().optional().meta({ description: 'Consentement à apparaître publiquement' }),
};

export const PersonInputSchema = z.strictObject(PersonInputShape).meta({ id: 'PersonInput' });
export type PersonInput = z.infer<typeof PersonInputSchema>;
export const PersonPatchSchema = patchOf(PersonInputShape).meta({ id: 'PersonPatch' });

export const PersonSchema = z
  .object({
    ...RecordMetaShape,
    ...PersonInputShape,
    skills: z.array(SkillSchema),
    publicProfile: z.boolean(),
    erasedAt: TimestampSchema.optional().meta({ description: 'Données personnelles effacées à la demande (RGPD) : le nom est un pseudonyme' }),
  })
  .meta({ id: 'Person' });
export type Person = z.infer<typeof PersonSchema>;

export const PersonListItemSchema = PersonSchema.extend({ homePlace: PlaceSummarySchema.optional() }).meta({ id: 'PersonListItem' });

export const SkillCountSchema = z.object({ name: z.string(), count: z.number().int() }).meta({ id: 'SkillCount' });
