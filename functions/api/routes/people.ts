import { Hono } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../env.js';
import { readQuery } from '../http/input.js';
import { documentRoute } from '../openapi/registry.js';
import { ListQueryShape, listOf, IdSchema } from '../../../schemas/common.js';
import { PersonListItemSchema, PersonSchema, SkillCountSchema, type Person } from '../../../schemas/person.js';
import { listSkills, searchPeople } from '../../domain/directory/search-people.js';
import { personFor } from '../../domain/directory/people-visibility.js';
import { directoryCrudRoutes } from './directory-crud.js';

const PeopleQuery = z.strictObject({
  ...ListQueryShape,
  skill: z.string().max(80).optional(),
  q: z.string().max(200).optional(),
  placeId: IdSchema.optional(),
});

export const peopleRoutes = new Hono<AppEnv>();

documentRoute({ method: 'get', path: '/v1/skills', tag: 'Personnes', access: 'public', summary: 'Compétences des personnes au profil public, avec leur nombre', responses: { 200: { description: 'Compétences', schema: z.object({ items: z.array(SkillCountSchema) }) } } });
peopleRoutes.get('/skills', async (c) => c.json({ items: await listSkills(c.var.deps) }));

documentRoute({ method: 'get', path: '/v1/people', tag: 'Personnes', access: 'public', summary: 'Personnes au profil public (et celles de son lieu pour un gestionnaire) ; email et téléphone réservés', query: PeopleQuery, responses: { 200: { description: 'Liste paginée', schema: listOf(PersonListItemSchema) } } });
peopleRoutes.get('/people', async (c) => c.json(await searchPeople(c.var.deps, c.var.actor, readQuery(c, PeopleQuery))));

peopleRoutes.route(
  '/people',
  directoryCrudRoutes({ type: 'person', collection: 'people', idParam: 'personId', tag: 'Personnes', outputSchema: PersonSchema, present: async (_d, actor, r) => personFor(actor, r as Person) }),
);
