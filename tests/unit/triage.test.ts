import { describe, expect, it } from 'vitest';
import { PROTOCOLS } from '../../db/seed/protocols';
import { stemQuery } from '../../lib/kb/search-kb';
import { evaluateTriage } from '../../lib/triage/evaluate-triage';
import { ZIncidentTypeDefinition } from '../../lib/triage/schemas';

const type = (code: string) => {
  const t = PROTOCOLS.find((p) => p.code === code);
  if (!t) throw new Error(code);
  return t;
};

describe('triage protocols', () => {
  it('every seeded protocol is valid by the same schema a supervisor’s edit must pass', () => {
    for (const p of PROTOCOLS) expect(ZIncidentTypeDefinition.safeParse(p).success, p.code).toBe(true);
    const codes = PROTOCOLS.map((p) => p.code);
    for (const c of [
      'fire_building',
      'fire_vehicle',
      'fire_forest',
      'traffic_accident',
      'medical',
      'mountain_accident',
      'water_rescue',
      'cave_rescue',
      'hazmat',
      'flood',
      'storm_damage',
      'technical_rescue',
      'animal_rescue',
      'other',
    ])
      expect(codes).toContain(c);
  });

  it('no answers: the type’s default priority and needs', () => {
    expect(evaluateTriage(type('medical'), { conscious: 'yes' }).priority).toBe('yellow');
    const r = evaluateTriage(type('medical'), {});
    expect(r.priority).toBe('yellow');
    expect(r.needs).toEqual([{ capability: 'medical', count: 1 }]);
    expect(r.unanswered).toContain('breathing');
  });

  it('a person not breathing makes a medical call red and adds a physician', () => {
    const r = evaluateTriage(type('medical'), { conscious: 'no', breathing: 'no' });
    expect(r.priority).toBe('red');
    expect(r.needs).toEqual(expect.arrayContaining([{ capability: 'physician', count: 1 }]));
    expect(r.reasons.map((x) => x.answer)).toEqual(['ne', 'ne']);
  });

  it('the most urgent answer wins, and a calming answer can lower a default', () => {
    expect(evaluateTriage(type('fire_forest'), { size: 'small' }).priority).toBe('green');
    expect(evaluateTriage(type('fire_forest'), { size: 'small', near_houses: 'yes' }).priority).toBe('red');
  });

  it('needs merge by capability with the larger count', () => {
    const r = evaluateTriage(type('fire_building'), { spreading: 'yes' });
    expect(r.needs.find((n) => n.capability === 'fire')?.count).toBe(3);
  });

  it('unknown answers are ignored, not trusted', () => {
    expect(evaluateTriage(type('medical'), { breathing: 'maybe' }).priority).toBe('yellow');
  });
});

describe('knowledge-base query stems', () => {
  it('cuts words to stems and drops diacritics', () => {
    expect(stemQuery('oživljanje')).toBe('ozivljan:*');
    expect(stemQuery('Zastoj srca')).toBe('zast:* & srca:*');
    expect(stemQuery('  ')).toBeNull();
    expect(stemQuery("'; drop")).toBe('drop:*');
  });
});
