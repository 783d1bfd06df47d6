/**
 * The demo communication kit: a dozen assets of every kind (templates, pitch, logos, guide,
 * photos, video, other), some of the network and some of a place, five of them with a small
 * file uploaded through the same flow as the API (ticket, then the one-time local link).
 * Invented content; the video and photos point to the network's own site (publicBaseUrl).
 */
import type { Deps } from '../../functions/domain/deps.js';
import type { Actor } from '../../functions/domain/actor.js';
import { createAsset } from '../../functions/domain/kit/kit-assets.js';
import { receiveLocalUpload, requestUpload } from '../../functions/domain/kit/kit-files.js';
import type { KitAssetInput, KitFileType } from '../../schemas/kit.js';

const SEED_ACTOR: Actor = { role: 'system', id: 'seed:demo' };

const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="120" viewBox="0 0 240 120">
<title>Logo du réseau des tiers-lieux</title>
<rect width="240" height="120" rx="16" fill="#1d5c4f"/>
<circle cx="60" cy="60" r="28" fill="#f2c14e"/><circle cx="110" cy="60" r="18" fill="#f7f3e8"/><circle cx="150" cy="60" r="12" fill="#f7f3e8"/>
<text x="120" y="108" text-anchor="middle" font-family="sans-serif" font-size="14" fill="#f7f3e8">Tiers-lieux en réseau</text>
</svg>
`;

const POSTER_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="297" height="420" viewBox="0 0 297 420">
<title>Modèle d’affiche A3</title>
<rect width="297" height="420" fill="#f7f3e8"/><rect x="0" y="0" width="297" height="90" fill="#1d5c4f"/>
<text x="148" y="55" text-anchor="middle" font-family="sans-serif" font-size="24" fill="#f7f3e8">TITRE DE L’ÉVÉNEMENT</text>
<text x="148" y="200" text-anchor="middle" font-family="sans-serif" font-size="16" fill="#1d5c4f">Date · Heure · Lieu</text>
<text x="148" y="400" text-anchor="middle" font-family="sans-serif" font-size="11" fill="#1d5c4f">Un lieu du réseau des tiers-lieux</text>
</svg>
`;

const PITCH_MD = `# Présenter un tiers-lieu en deux minutes

1. **Ce que c’est** : un lieu ouvert où l’on travaille, fabrique, apprend et se rencontre.
2. **Pour qui** : habitants, indépendants, associations, élus, entreprises du territoire.
3. **Ce qu’on y trouve** : un espace de travail, des machines, des salles, des événements.
4. **Pourquoi un réseau** : partager les ressources, se faire connaître, peser ensemble.

Finir par une invitation : « Venez nous voir mardi, la porte est ouverte. »
`;

const GUIDE_TXT = `Accueillir un nouveau membre : la liste du gestionnaire

- Faire visiter le lieu et présenter les règles de la maison.
- Inscrire la personne dans l’annuaire (avec son accord pour le profil public).
- Lui remettre sa carte de membre et expliquer les passages entre lieux.
- Lui montrer le kit de communication du réseau.
`;

/** A one-page PDF (valid structure, text « Charte graphique »), small enough to write here. */
function tinyPdf(text: string): string {
  const stream = `BT /F1 24 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  return out + `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
}

interface DemoAsset extends Omit<KitAssetInput, 'placeId' | 'url'> {
  placeKey?: string;
  path?: string;
  file?: { name: string; type: KitFileType; content: string };
}

const ASSETS: DemoAsset[] = [
  { title: 'Logo du réseau', kind: 'logo', description: 'Le logo du réseau en SVG, fond vert ; à utiliser sur les affiches et les sites des lieux.', licence: 'usage réservé au réseau', language: 'fr', tags: ['logo', 'identité'], file: { name: 'logo-reseau.svg', type: 'image/svg+xml', content: LOGO_SVG } },
  { title: 'Logo monochrome pour l’impression', kind: 'logo', description: 'Version noir et blanc du logo, pour les photocopies et les tampons.', licence: 'usage réservé au réseau', language: 'fr', tags: ['logo', 'impression'] },
  { title: 'Modèle d’affiche A3', kind: 'template', description: 'Affiche d’événement à personnaliser : titre, date, lieu. Police libre, couleurs du réseau.', licence: 'CC BY-SA 4.0', language: 'fr', tags: ['affiche', 'événement'], file: { name: 'affiche-a3.svg', type: 'image/svg+xml', content: POSTER_SVG } },
  { title: 'Modèle de flyer « portes ouvertes »', kind: 'template', description: 'Flyer A5 recto verso pour une journée portes ouvertes.', licence: 'CC BY-SA 4.0', language: 'fr', tags: ['flyer', 'portes ouvertes'], placeKey: 'bergerac-la-gabare' },
  { title: 'Modèle de publication pour les réseaux sociaux', kind: 'template', description: 'Gabarit carré pour annoncer un atelier, avec la mention du réseau.', licence: 'CC BY 4.0', language: 'fr', tags: ['réseaux sociaux', 'atelier'], placeKey: 'perigueux-la-fabrique' },
  { title: 'Présenter un tiers-lieu en deux minutes', kind: 'pitch', description: 'Le pitch oral du réseau, en quatre points, pour les élus et les partenaires.', licence: 'CC BY 4.0', language: 'fr', tags: ['pitch', 'élus', 'oral'], file: { name: 'pitch-deux-minutes.md', type: 'text/markdown', content: PITCH_MD } },
  { title: 'Pitch pour les entreprises du territoire', kind: 'pitch', description: 'Arguments pour proposer le coworking et les salles aux entreprises voisines.', licence: 'CC BY 4.0', language: 'fr', tags: ['pitch', 'entreprises'], placeKey: 'sarlat-le-cantou' },
  { title: 'Charte graphique du réseau', kind: 'guide', description: 'Couleurs, polices, usage du logo, exemples à suivre et à éviter.', licence: 'usage réservé au réseau', language: 'fr', tags: ['identité', 'charte'], file: { name: 'charte-graphique.pdf', type: 'application/pdf', content: tinyPdf('Charte graphique du reseau') } },
  { title: 'Accueillir un nouveau membre', kind: 'guide', description: 'La liste du gestionnaire pour le premier jour d’un membre.', licence: 'CC BY-SA 4.0', language: 'fr', tags: ['accueil', 'membres'], placeKey: 'nontron-l-etabli', file: { name: 'accueillir-un-membre.txt', type: 'text/plain', content: GUIDE_TXT } },
  { title: 'Photos de l’atelier bois', kind: 'photo', description: 'Une série de photos libres de l’atelier, prises avec l’accord des personnes.', licence: 'CC BY 4.0', language: 'fr', tags: ['photo', 'fablab'], placeKey: 'perigueux-la-fabrique', path: '/demo' },
  { title: 'Photos de la fête des tiers-lieux', kind: 'photo', description: 'Photos de la dernière fête du réseau, pour illustrer les dossiers de subvention.', licence: 'CC BY 4.0', language: 'fr', tags: ['photo', 'événement'], path: '/demo' },
  { title: 'Vidéo : une journée au tiers-lieu', kind: 'video', description: 'Trois minutes dans un lieu du réseau, sous-titrées en français.', licence: 'CC BY-NC 4.0', language: 'fr', tags: ['vidéo', 'portrait'], placeKey: 'riberac-la-grange', path: '/demo' },
  { title: 'Kit de presse', kind: 'other', description: 'Communiqué type, chiffres clés du réseau et contacts presse.', licence: 'CC BY 4.0', language: 'fr', tags: ['presse'] },
];

/** Loads the kit; files only when a local file store is configured (npm start, tests). */
export async function loadDemoKit(deps: Deps, placeIds: Record<string, string>): Promise<{ assets: number; files: number }> {
  // Independent assets: written side by side, so the demo adds little to `npm start`.
  const loaded = await Promise.all(
    ASSETS.map(async ({ placeKey, path, file, ...input }) => {
      const placeId = placeKey ? placeIds[placeKey] : undefined;
      if (placeKey && !placeId) return { asset: 0, file: 0 };
      const url = path && deps.publicBaseUrl ? `${deps.publicBaseUrl}${path}` : undefined;
      const asset = await createAsset(deps, SEED_ACTOR, { ...input, ...(placeId ? { placeId } : {}), ...(url ? { url } : {}) });
      if (!file || deps.files?.kind !== 'local') return { asset: 1, file: 0 };
      const bytes = new TextEncoder().encode(file.content);
      const ticket = await requestUpload(deps, SEED_ACTOR, asset.id, { fileName: file.name, contentType: file.type, size: bytes.length });
      const token = /[?&]token=([^&]+)/.exec(ticket.uploadUrl)?.[1];
      await receiveLocalUpload(deps, ticket.uploadId, token, bytes.length, async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
      return { asset: 1, file: 1 };
    }),
  );
  return { assets: loaded.reduce((n, l) => n + l.asset, 0), files: loaded.reduce((n, l) => n + l.file, 0) };
}
