import * as z from 'zod';

export const OpenDataReportSchema = z
  .object({
    generatedAt: z.string(),
    datasets: z.array(
      z.object({
        file: z.string(),
        published: z.number().int(),
        excluded: z.array(z.object({ placeId: z.string(), name: z.string(), reasons: z.array(z.string()) })),
      }),
    ),
  })
  .meta({ id: 'OpenDataReport', description: 'Ce que publie chaque fichier, et les lieux membres laissés de côté avec la raison' });
export type OpenDataReportBody = z.infer<typeof OpenDataReportSchema>;
