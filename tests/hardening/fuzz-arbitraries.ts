/**
 * fast-check arbitraries derived from the OpenAPI document (itself generated from the
 * zod schemas): plausible values for each parameter and body, mixed with hostile ones.
 */
import fc from 'fast-check';

type Json = Record<string, any>;

/** Values that broke, or could break, a handler somewhere. */
export const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00y',
  '\u200b',
  '\u200b\u200c\u2060\ufeff',
  '\u00a0 ',
  'x'.repeat(1100),
  'é'.repeat(300),
  'NaN',
  'Infinity',
  '-0',
  '1e-200',
  '1e308',
  '9999-12-31',
  '0000-01-01',
  '2026-02-30',
  '9999-12',
  '0000-00',
  '2026-13',
  '9999-12-31T23:59:59+14:00',
  '0001-01-01T00:00Z',
  '__proto__',
  'constructor',
  '../..',
  '%00',
  '%',
  '=cmd|"/c calc"!A1',
  '<script>alert(1)</script>',
  'e30',
  'W10',
  '{}',
  'null',
  'true',
  '[]',
  'place:',
  'person:../',
];
export const HOSTILE_NUMBERS = [1e-200, -1e-200, 1e-131, 5e-324, 1e308, -1e308, 1e126, 0, -0, -1, 1.5, 2 ** 53 + 1, 1e21, 0.1];
const HOSTILE_VALUES: unknown[] = [...HOSTILE_STRINGS, ...HOSTILE_NUMBERS, null, true, false, [], {}, [1, 2], { a: 1 }];

export const hostileString = () => fc.constantFrom(...HOSTILE_STRINGS);
export const hostileValue = () => fc.constantFrom(...HOSTILE_VALUES);

export interface Pools {
  /** Ids that exist (places, people, resources…) and some that do not. */
  ids: string[];
  placeIds: string[];
  personIds: string[];
  accounts: string[];
}

const DAYS = ['2026-03-01', '2026-03-10', '2026-12-31', '2000-01-01', '2100-12-31', '2025-01-15'];
const MONTHS = ['2026-03', '2026-01', '2000-01', '2100-12'];
const DATETIMES = ['2026-03-12T18:30', '2026-03-12T18:30:00+01:00', '2026-06-01T08:00:00Z', '2100-12-31T23:00'];

function resolve(schema: Json, components: Json): Json {
  let s = schema;
  for (let i = 0; s?.$ref && i < 10; i++) s = components[String(s.$ref).split('/').pop()!] ?? {};
  return s ?? {};
}

function stringArb(name: string, s: Json, pools: Pools): fc.Arbitrary<unknown> {
  const n = name.toLowerCase();
  const plausible: fc.Arbitrary<unknown>[] = [];
  if (n.endsWith('placeid')) plausible.push(fc.constantFrom(...pools.placeIds));
  else if (n.endsWith('personid')) plausible.push(fc.constantFrom(...pools.personIds));
  else if (n.endsWith('id')) plausible.push(fc.constantFrom(...pools.ids));
  if (n === 'account') plausible.push(fc.constantFrom(...pools.accounts));
  if (s.format === 'date-time' || /startsat|endsat|at$/.test(n)) plausible.push(fc.constantFrom(...DATETIMES));
  if (s.format === 'email') plausible.push(fc.constantFrom('a@example.org', 'camille.test@example.org'));
  if (s.format === 'uri') plausible.push(fc.constantFrom('https://lieu.example/page', 'http://localhost/x.png'));
  if (n === 'from' || n === 'to' || n === 'date' || n.endsWith('day') || /\\d\{4\}-/.test(String(s.pattern))) plausible.push(fc.constantFrom(...DAYS, ...MONTHS));
  if (n === 'period' || n === 'month') plausible.push(fc.constantFrom(...MONTHS));
  if (n === 'near') plausible.push(fc.constantFrom('45.18,0.72', '44.85,0.48', '91,0', '-0.0,-0.0'));
  if (s.enum) plausible.push(fc.constantFrom(...(s.enum as unknown[])));
  if (s.pattern && plausible.length === 0) {
    try {
      plausible.push(fc.stringMatching(new RegExp(s.pattern), { size: 'xsmall' }));
    } catch {
      /* a pattern fast-check cannot invert: plain strings below */
    }
  }
  const max = Math.min(typeof s.maxLength === 'number' ? s.maxLength : 40, 60);
  plausible.push(fc.string({ minLength: s.minLength ?? 0, maxLength: max }), fc.string({ unit: 'grapheme', maxLength: 12 }));
  return fc.oneof({ arbitrary: fc.oneof(...plausible), weight: 5 }, { arbitrary: hostileString(), weight: 1 });
}

function numberArb(s: Json): fc.Arbitrary<unknown> {
  const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum : -1e6);
  const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum : 1e6);
  const plausible =
    s.type === 'integer'
      ? fc.integer({ min: Math.max(Math.ceil(min), -1e9), max: Math.min(Math.floor(max), 1e9) })
      : fc.double({ min: Math.max(min, -1e9), max: Math.min(max, 1e9), noNaN: true, noDefaultInfinity: true });
  return fc.oneof({ arbitrary: plausible, weight: 5 }, { arbitrary: fc.constantFrom(...HOSTILE_NUMBERS), weight: 1 });
}

/** A value for a JSON Schema: mostly plausible, sometimes hostile. */
export function valueArb(name: string, schema: Json, components: Json, pools: Pools, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema, components);
  if (depth > 4) return fc.constant(null);
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return fc.oneof(...alts.map((x: Json) => valueArb(name, x, components, pools, depth + 1)));
  if ('const' in s) return fc.constant(s.const);
  if (s.enum) return fc.oneof({ arbitrary: fc.constantFrom(...(s.enum as unknown[])), weight: 6 }, { arbitrary: hostileValue(), weight: 1 });
  switch (s.type) {
    case 'string':
      return stringArb(name, s, pools);
    case 'number':
    case 'integer':
      return numberArb(s);
    case 'boolean':
      return fc.oneof({ arbitrary: fc.boolean(), weight: 6 }, { arbitrary: hostileValue(), weight: 1 });
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.oneof(
        { arbitrary: fc.array(valueArb(name, s.items ?? {}, components, pools, depth + 1), { maxLength: Math.min(s.maxItems ?? 3, 3) }), weight: 6 },
        { arbitrary: hostileValue(), weight: 1 },
      );
    case 'object':
      return objectArb(s, components, pools, depth);
    default:
      return fc.oneof(fc.string({ maxLength: 10 }), hostileValue());
  }
}

function objectArb(s: Json, components: Json, pools: Pools, depth: number): fc.Arbitrary<unknown> {
  const props: Record<string, Json> = s.properties ?? {};
  const required = new Set<string>(s.required ?? []);
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, v] of Object.entries(props)) shape[k] = valueArb(k, v, components, pools, depth + 1);
  const record = fc.record(shape, { requiredKeys: [...required].filter((k) => k in shape) });
  return fc.oneof(
    { arbitrary: record, weight: 8 },
    // A required field missing, or a field nobody knows.
    { arbitrary: fc.tuple(record, fc.constantFrom(...Object.keys(props), 'unknownField', '__proto__')).map(([o, k]) => { const c = { ...(o as Json) }; if (k in c) delete c[k]; else c[k] = 1; return c; }), weight: 1 },
    { arbitrary: hostileValue(), weight: 1 },
  );
}

/** Percent-encodes for a URL, turning lone surrogates into invalid UTF-8 escapes instead of throwing. */
export function enc(s: string): string {
  let out = '';
  for (const ch of s) {
    try {
      out += encodeURIComponent(ch);
    } catch {
      out += '%ED%A0%80';
    }
  }
  return out;
}
