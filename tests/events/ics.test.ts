import { beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { createTestContext, ADMIN, type TestContext } from '../support/harness.js';
import { createEventViaApi, createPlace } from './event-fixtures.js';
import { foldIcsLine } from '../../functions/domain/events/ics.js';

let t: TestContext;
let p1: string;
let p2: string;
let concert: { id: string };
let cancelled: { id: string };

beforeAll(async () => {
  t = await createTestContext({ now: '2026-06-01T08:00:00Z' });
  p1 = await createPlace(t, { name: 'Le Moulin', address: { postcode: '24200', commune: 'Sarlat-la-Canéda' } });
  p2 = await createPlace(t, { name: 'La Grange', address: { postcode: '24000', commune: 'Périgueux' } });
  concert = await createEventViaApi(t, p1, {
    title: 'Concert; chansons, et « poésie »',
    description: 'Une longue description avec des accents éèàçù, des virgules, des points-virgules; et\nun retour à la ligne, assez longue pour être pliée plusieurs fois à 75 octets exactement.',
    startsAt: '2026-06-21T19:00',
    endsAt: '2026-06-21T23:30',
    priceCents: 1250,
    tags: ['musique', 'été'],
  });
  cancelled = await createEventViaApi(t, p2, { title: 'Annulé bientôt', startsAt: '2026-06-25T10:00', endsAt: '2026-06-25T12:00' });
  await t.call('DELETE', `/v1/events/${cancelled.id}`, { token: ADMIN });
  await createEventViaApi(t, p2, { title: 'Trop ancien', startsAt: '2026-03-01T10:00', endsAt: '2026-03-01T12:00' });
});

function parse(text: string) {
  const comp = new ICAL.Component(ICAL.parse(text));
  return comp.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}

describe('iCalendar feed', () => {
  it('is a valid RFC 5545 calendar that ical.js reads back, with exact UTC times', async () => {
    const r = await t.call('GET', '/v1/events.ics');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const events = parse(r.text);
    const c = events.find((e) => e.uid === `event-${concert.id}@tiers-lieux-reseau`)!;
    expect(c.summary).toBe('Concert; chansons, et « poésie »');
    expect(c.startDate.toJSDate().toISOString()).toBe('2026-06-21T17:00:00.000Z');
    expect(c.endDate.toJSDate().toISOString()).toBe('2026-06-21T21:30:00.000Z');
    expect(c.location).toBe('Le Moulin, Sarlat-la-Canéda');
    expect(c.description).toContain('points-virgules; et\nun retour');
    expect(c.description).toContain('Prix : 12,50 €');
    expect(c.component.getFirstPropertyValue('dtstamp')).toBeTruthy();
    expect(c.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(events.map((e) => e.summary)).not.toContain('Trop ancien');
  });

  it('uses CRLF line endings and folds lines at 75 octets without cutting a character', async () => {
    const { text } = await t.call('GET', '/v1/events.ics');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = text.split('\r\n').slice(0, -1);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(lines.some((l) => l.startsWith(' '))).toBe(true);
    const folded = foldIcsLine('DESCRIPTION:' + 'é'.repeat(100));
    for (const l of folded.split('\r\n')) {
      expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
      expect(l).not.toContain('\uFFFD');
    }
    expect(folded.split('\r\n').map((l, i) => (i ? l.slice(1) : l)).join('')).toBe('DESCRIPTION:' + 'é'.repeat(100));
  });

  it('keeps a cancelled event with STATUS:CANCELLED, and UIDs stay stable across changes', async () => {
    const first = parse((await t.call('GET', '/v1/events.ics')).text);
    const c = first.find((e) => e.uid === `event-${cancelled.id}@tiers-lieux-reseau`)!;
    expect(c.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    await t.call('PATCH', `/v1/events/${concert.id}`, { token: ADMIN, body: { title: 'Concert renommé' } });
    const second = parse((await t.call('GET', '/v1/events.ics')).text);
    const renamed = second.find((e) => e.summary === 'Concert renommé')!;
    expect(renamed.uid).toBe(`event-${concert.id}@tiers-lieux-reseau`);
    expect(renamed.sequence).toBe(1);
    expect(second.map((e) => e.uid).sort()).toEqual(first.map((e) => e.uid).sort());
  });

  it('?placeId= gives one place’s feed; an unchanged feed answers 304 to If-None-Match', async () => {
    const r = await t.call('GET', `/v1/events.ics?placeId=${p1}`);
    const events = parse(r.text);
    expect(events.map((e) => e.uid)).toEqual([`event-${concert.id}@tiers-lieux-reseau`]);
    expect(r.text).toContain('X-WR-CALNAME:Le Moulin — événements');
    const etag = r.headers.get('etag')!;
    const again = await t.call('GET', `/v1/events.ics?placeId=${p1}`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });
});
