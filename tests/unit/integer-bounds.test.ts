import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ROUTES, type RouteSpec } from '../../lib/http/routes';
import { ZClientMessage } from '../../lib/realtime/event-types';
import { INT32_MAX } from '../../lib/validation';

// Every integer a client can send (body, query, socket message) is bounded to the column it reaches:
// ids and versions are PostgreSQL integers, so 2147483648 must be a 400, never a 500 from the database.
// Only positions in the event log (bigint seq) may go up to JavaScript's safe integers.
const SEQ_FIELDS = new Set(['after', 'before', 'since']);

interface IntegerAt {
  path: string;
  field: string;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
}

function integers(schema: unknown, path: string, field: string, out: IntegerAt[]): IntegerAt[] {
  if (!schema || typeof schema !== 'object') return out;
  const s = schema as Record<string, unknown>;
  if (s.type === 'integer')
    out.push({
      path,
      field,
      minimum: s.minimum as number | undefined,
      exclusiveMinimum: s.exclusiveMinimum as number | undefined,
      maximum: s.maximum as number | undefined,
    });
  for (const [k, v] of Object.entries(s)) {
    if (k === 'properties' && v && typeof v === 'object')
      for (const [name, sub] of Object.entries(v)) integers(sub, `${path}.${name}`, name, out);
    else if (typeof v === 'object') integers(v, `${path}.${k}`, field, out);
  }
  return out;
}

const jsonSchema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });

const all: IntegerAt[] = [];
for (const [id, spec] of Object.entries(ROUTES) as [string, RouteSpec][]) {
  if (spec.body) integers(jsonSchema(spec.body), `${id}.body`, '', all);
  if (spec.query) integers(jsonSchema(spec.query), `${id}.query`, '', all);
}
integers(jsonSchema(ZClientMessage), 'socket', '', all);

describe('integer bounds at every boundary', () => {
  it('finds the integers (the walk itself works)', () => {
    expect(all.length).toBeGreaterThan(30);
    expect(all.map((i) => i.path)).toContain('assignUnit.body.unitId');
  });

  it.each(all.map((i) => [i.path, i] as const))('%s is bounded', (_path, i) => {
    expect(i.minimum ?? i.exclusiveMinimum, 'a lower bound').toBeDefined();
    expect(i.maximum, 'an upper bound').toBeDefined();
    const limit = SEQ_FIELDS.has(i.field) ? Number.MAX_SAFE_INTEGER : INT32_MAX;
    expect(i.maximum).toBeLessThanOrEqual(limit);
  });
});
