import { describe, expect, it } from 'vitest';
import { CellError, formatDateTime, formatMoney, parseDateTime, parseDay, parseList, parseMoneyCents, parseYesNo } from '../../integrations/sheets/values.js';
import { placeIndex } from '../../integrations/sheets/place-refs.js';
import { hashRow } from '../../functions/domain/sync/row-hash.js';

describe('values typed the French way', () => {
  it('money in euros becomes cents, whatever the spelling', () => {
    expect(parseMoneyCents('12')).toBe(1200);
    expect(parseMoneyCents('12,5')).toBe(1250);
    expect(parseMoneyCents('12,50 €')).toBe(1250);
    expect(parseMoneyCents('1 200,00')).toBe(120000);
    expect(parseMoneyCents('1\u202f200,00\u00a0€')).toBe(120000);
    expect(parseMoneyCents('7.5')).toBe(750);
    expect(parseMoneyCents('')).toBeUndefined();
    expect(() => parseMoneyCents('douze euros')).toThrow(CellError);
    expect(() => parseMoneyCents('12,505')).toThrow(/montant illisible/);
    expect(formatMoney(1250)).toBe('12,50');
  });

  it('yes/no accepts Oui, x, true, a ticked box; empty is no; anything else is refused', () => {
    for (const v of ['Oui', 'oui', 'x', 'X', 'true', 'Vrai']) expect(parseYesNo(v)).toBe(true);
    for (const v of ['Non', 'non', '', 'false', undefined]) expect(parseYesNo(v)).toBe(false);
    expect(() => parseYesNo('peut-être')).toThrow('Oui ou Non attendu');
  });

  it('dates read dd/mm/yyyy or ISO and refuse days that do not exist', () => {
    expect(parseDay('12/12/2026')).toBe('2026-12-12');
    expect(parseDay('2026-12-12')).toBe('2026-12-12');
    expect(parseDay('1/3/2026')).toBe('2026-03-01');
    expect(() => parseDay('31/02/2026')).toThrow(/date inexistante/);
    expect(() => parseDay('demain')).toThrow(/JJ\/MM\/AAAA/);
  });

  it('date-times are Paris wall-clock times, in winter and in summer', () => {
    expect(parseDateTime('12/12/2026 14:00')).toBe('2026-12-12T13:00:00.000Z');
    expect(parseDateTime('01/07/2026 14:00')).toBe('2026-07-01T12:00:00.000Z');
    expect(parseDateTime('2026-07-01T14:00:00+02:00')).toBe('2026-07-01T12:00:00.000Z');
    expect(parseDateTime('12/12/2026')).toBe('2026-12-11T23:00:00.000Z');
    expect(formatDateTime('2026-07-01T12:00:00.000Z')).toBe('01/07/2026 14:00');
    expect(() => parseDateTime('12/12/2026 25:00')).toThrow(CellError);
  });

  it('lists split on commas and semicolons', () => {
    expect(parseList('menuiserie, soudure; couture ;')).toEqual(['menuiserie', 'soudure', 'couture']);
    expect(parseList('')).toEqual([]);
  });

  it('a place is found by its name (any case, any accent) or its ID; unknown and ambiguous names are refused', () => {
    const idx = placeIndex([
      { id: 'P1', name: 'La Fabrique Périgueux' },
      { id: 'P2', name: 'Le Moulin' },
      { id: 'P3', name: 'Le Moulin' },
      { id: 'P4', name: 'Ancien lieu', archivedAt: '2026-01-01T00:00:00Z' },
    ]);
    expect(idx.resolve('la fabrique perigueux')).toBe('P1');
    expect(idx.resolve('P2')).toBe('P2');
    expect(() => idx.resolve('Le Moulin')).toThrow(/nom ambigu « Le Moulin » : 2 lieux/);
    expect(() => idx.resolve('Nulle part')).toThrow(/lieu inconnu « Nulle part »/);
    expect(() => idx.resolve('Ancien lieu')).toThrow(/lieu inconnu/);
    expect(idx.label('P1')).toBe('La Fabrique Périgueux');
    expect(idx.label('P2')).toBe('P2');
  });

  it('the row hash ignores the cells the sync owns and surrounding spaces', () => {
    const a = hashRow('Lieux', { ID: 'X', Nom: 'A', Commune: 'Périgueux', 'Statut synchro': 'ok' });
    expect(hashRow('Lieux', { Nom: ' A ', Commune: 'Périgueux', 'Dernière vérification': '01/01/2026' })).toBe(a);
    expect(hashRow('Lieux', { Nom: 'B', Commune: 'Périgueux' })).not.toBe(a);
  });
});

describe('templates', () => {
  // French Excel opens a double-clicked CSV with its list separator (« ; ») and reads UTF-8 only after a BOM.
  const readTemplate = async (file: string) => (await import('node:fs')).readFileSync(`integrations/sheets/templates/${file}`);

  it('each tab’s CSV template has exactly the layout’s headers, in order', async () => {
    const { TAB_HEADERS } = await import('../../integrations/sheets/columns.js');
    const files = { Lieux: 'lieux', Ressources: 'ressources', Personnes: 'personnes', Événements: 'evenements', Passages: 'passages', Bénévolat: 'benevolat', Kit: 'kit', Relevés: 'releves', Décisions: 'decisions', 'À vérifier': 'a-verifier' } as const;
    for (const [tab, file] of Object.entries(files)) {
      const line = (await readTemplate(`${file}.csv`)).toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[0]!;
      expect(line.split(';'), tab).toEqual([...TAB_HEADERS[tab as keyof typeof TAB_HEADERS]]);
    }
  });

  it('every template opens by double-click in French Excel: UTF-8 BOM, « ; » separators, CRLF lines', async () => {
    const { readdirSync } = await import('node:fs');
    const files = readdirSync('integrations/sheets/templates').filter((f) => f.endsWith('.csv'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const file of files) {
      const bytes = await readTemplate(file);
      expect([...bytes.subarray(0, 3)], file).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8').slice(1);
      expect(text.endsWith('\r\n'), file).toBe(true);
      const header = text.split('\r\n')[0]!;
      expect(header.split(';').length, file).toBeGreaterThan(2);
      expect(header, file).not.toContain(',');
    }
  });
});

describe('resource category labels', () => {
  it('the sheet shows the French label and accepts the label or the code, any case or accents', async () => {
    const { categoryCode, categoryLabel } = await import('../../schemas/resource-categories.js');
    expect(categoryLabel('meeting_room')).toBe('Salle de réunion');
    expect(categoryLabel('atelier-vélo')).toBe('atelier-vélo');
    for (const typed of ['Salle de réunion', 'salle de reunion', ' SALLE DE RÉUNION ', 'meeting_room', 'meeting room']) expect(categoryCode(typed), typed).toBe('meeting_room');
    expect(categoryCode('Salle d’événements')).toBe('event_hall');
    expect(categoryCode("Salle d'evenements")).toBe('event_hall');
    expect(categoryCode('Atelier vélo')).toBe('Atelier vélo');
  });

  it('the guide lists every category with its label and code', async () => {
    const { readFileSync } = await import('node:fs');
    const { CATEGORY_LABELS } = await import('../../schemas/resource-categories.js');
    const guide = readFileSync('integrations/sheets/GUIDE-fr.md', 'utf8');
    for (const labels of Object.values(CATEGORY_LABELS)) for (const [code, label] of Object.entries(labels)) expect(guide).toContain(`${label} (\`${code}\`)`);
  });
});
