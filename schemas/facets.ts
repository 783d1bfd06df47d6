import * as z from 'zod';

const Facet = z.object({ value: z.string(), places: z.number().int().min(1) });

export const DirectoryFacetsSchema = z
  .object({
    communes: z.array(Facet).meta({ description: 'Communes des lieux actifs, par ordre alphabétique, avec leur nombre de lieux' }),
    tags: z.array(Facet).meta({ description: 'Étiquettes (types de lieu) des lieux actifs, par ordre alphabétique, avec leur nombre de lieux' }),
  })
  .meta({ id: 'DirectoryFacets', description: 'Les choix d’un formulaire de recherche (communes, types de lieu), sans charger la liste des lieux' });
export type DirectoryFacets = z.infer<typeof DirectoryFacetsSchema>;
