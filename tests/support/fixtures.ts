/** Fixture factories: a valid input with overrides. */
export function placeInput(overrides: Record<string, unknown> = {}) {
  return {
    name: 'La Fabrique Test',
    description: 'Un tiers-lieu de test à Périgueux.',
    address: { street: '1 rue de la Paix', postcode: '24000', commune: 'Périgueux' },
    location: { lat: 45.184, lon: 0.721 },
    tags: ['coworking'],
    mobility: { acceptsVisitors: true, dailyVisitorCapacity: 5, preferentialDayRateCents: 1000 },
    ...overrides,
  };
}

export function resourceInput(placeId: string, overrides: Record<string, unknown> = {}) {
  return {
    placeId,
    kind: 'space',
    category: 'meeting_room',
    name: 'Salle de réunion',
    capacity: 10,
    surfaceM2: 25,
    uses: ['réunion'],
    rates: [{ unit: 'day', amountCents: 8000, audience: 'public' }],
    ...overrides,
  };
}

export function personInput(homePlaceId: string, overrides: Record<string, unknown> = {}) {
  return {
    homePlaceId,
    displayName: 'Camille Test',
    email: 'camille@example.org',
    phone: '06 00 00 00 00',
    skills: [{ name: 'menuiserie', level: 'expert' }],
    publicProfile: true,
    ...overrides,
  };
}
