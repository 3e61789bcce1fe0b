import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRE_IN_LJUBLJANA, login, type Session } from '../helpers/api';
import { count, rawClient } from '../helpers/db';
import { type RunningServer, startServer } from '../helpers/server';

let server: RunningServer;
let raw: pg.Client;
let calltaker: Session;
let supervisor: Session;

beforeAll(async () => {
  server = await startServer();
  raw = await rawClient();
  calltaker = await login(server.url, 'calltaker');
  supervisor = await login(server.url, 'supervisor');
});

afterAll(async () => {
  await raw.end();
  await server.kill();
});

describe('incident types and their protocols', () => {
  it('are served with names in both languages, needs and questions', async () => {
    const res = await calltaker.get('/api/incident-types');
    const medical = res.body.find((t: { code: string }) => t.code === 'medical');
    expect(medical.name).toEqual({ sl: 'Nujno medicinsko stanje', en: 'Medical emergency' });
    expect(medical.questions.map((q: { id: string }) => q.id)).toContain('breathing');
    expect(medical.needs).toEqual([{ capability: 'medical', count: 1 }]);
  });

  it('the answers given at intake are stored with the priority they suggested', async () => {
    const res = await calltaker.send('POST', '/api/incidents', {
      ...FIRE_IN_LJUBLJANA,
      type: 'medical',
      priority: 'red',
      triage: { answers: { conscious: 'no', breathing: 'no' } },
    });
    expect(res.status).toBe(201);
    expect(res.body.triage.suggestedPriority).toBe('red');
    expect(res.body.triage.needs).toEqual(expect.arrayContaining([{ capability: 'physician', count: 1 }]));
    expect(res.body.triage.reasons[0]).toMatchObject({ question: 'Je oseba pri zavesti?', answer: 'ne' });
  });

  it('answers that do not fit the protocol are refused, naming the question', async () => {
    const before = await count(raw, 'incidents');
    const res = await calltaker.send('POST', '/api/incidents', {
      ...FIRE_IN_LJUBLJANA,
      type: 'medical',
      triage: { answers: { breathing: 'perhaps', favourite_colour: 'blue' } },
    });
    expect(res.status).toBe(400);
    const fields = res.body.error.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(
      expect.arrayContaining(['body.triage.answers.breathing', 'body.triage.answers.favourite_colour']),
    );
    expect(await count(raw, 'incidents')).toBe(before);
  });

  it('a supervisor edits a protocol; the change is evented (audit) and used at once', async () => {
    const types = (await supervisor.get('/api/incident-types')).body;
    const animal = types.find((t: { code: string }) => t.code === 'animal_rescue');
    const edited = {
      name: animal.name,
      defaultPriority: 'green',
      agencies: animal.agencies,
      needs: animal.needs,
      questions: [
        ...animal.questions,
        {
          id: 'dangerous_animal',
          sl: 'Je žival nevarna (medved, volk)?',
          en: 'Is the animal dangerous (bear, wolf)?',
          answers: [
            { code: 'yes', sl: 'da', en: 'yes', priority: 'red' },
            { code: 'no', sl: 'ne', en: 'no' },
          ],
        },
      ],
    };
    const res = await supervisor.send('PUT', '/api/incident-types/animal_rescue', edited);
    expect(res.status).toBe(200);
    const ev = await raw.query(
      `select actor, payload from events where type = 'incident_type.updated' order by seq desc limit 1`,
    );
    expect(ev.rows[0].actor).toBe('supervisor');
    expect(ev.rows[0].payload.before.questions).toHaveLength(animal.questions.length);
    const inc = await calltaker.send('POST', '/api/incidents', {
      ...FIRE_IN_LJUBLJANA,
      type: 'animal_rescue',
      priority: 'red',
      triage: { answers: { dangerous_animal: 'yes' } },
    });
    expect(inc.body.triage.suggestedPriority).toBe('red');
  });

  it('a bad protocol is refused with the field named; other roles may not edit', async () => {
    const bad = await supervisor.send('PUT', '/api/incident-types/other', {
      name: { sl: 'Drugo', en: 'Other' },
      defaultPriority: 'purple',
      agencies: [],
      needs: [{ capability: 'x', count: 0 }],
      questions: [{ id: 'q', sl: 'Q?', en: 'Q?', answers: [{ code: 'a', sl: 'a', en: 'a' }] }],
    });
    expect(bad.status).toBe(400);
    const fields = bad.body.error.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(
      expect.arrayContaining(['body.defaultPriority', 'body.needs.0.capability', 'body.questions.0.answers']),
    );
    expect((await calltaker.send('PUT', '/api/incident-types/other', {})).status).toBe(403);
    expect((await supervisor.send('PUT', '/api/incident-types/Not%20A%20Code', {})).status).toBe(400);
  });
});

describe('knowledge base search', () => {
  const titles = async (q: string) =>
    ((await calltaker.get(`/api/kb?q=${encodeURIComponent(q)}`)).body as { title: { sl: string } }[]).map(
      (a) => a.title.sl,
    );

  it('finds CPR guidance by any word form, with or without diacritics', async () => {
    for (const q of ['oživljanje', 'ozivljanja', 'oživljanju', 'TPO', 'CPR', 'defibrilator'])
      expect((await titles(q))[0], q).toMatch(/oživljanja/);
  });

  it('finds other articles and tolerates a typo', async () => {
    expect((await titles('plin'))[0]).toMatch(/plina/);
    expect((await titles('zadusitev'))[0]).toMatch(/Zadušitev/);
    expect((await titles('evakuacja'))[0]).toMatch(/Požar/);
    expect((await titles('ozivljnje'))[0]).toMatch(/oživljanja/);
    expect((await titles('prometna nesrca'))[0]).toMatch(/Prometna nesreča/);
  });

  it('lists the articles for an incident type', async () => {
    const res = await calltaker.get('/api/kb?type=cardiac_arrest');
    expect(res.body.map((a: { slug: string }) => a.slug)).toEqual(['tpo-odrasli']);
    expect(res.body[0].body.en).toMatch(/100–120 times a minute/);
  });

  it('answers nothing for nonsense and survives injection attempts', async () => {
    expect((await calltaker.get('/api/kb?q=qqqxxx')).body).toEqual([]);
    expect((await calltaker.get(`/api/kb?q=${encodeURIComponent("') & !x:* | (")}`)).status).toBe(200);
    expect((await calltaker.get(`/api/kb?q=${'x'.repeat(300)}`)).status).toBe(400);
  });
});
