import { describe, expect, it } from 'vitest';
import { FIRE_IN_LJUBLJANA, FLOOD_WARNING, login } from '../helpers/api';
import { serverSuite } from '../helpers/server-suite';
import { SCHEMAS, validateXml } from '../helpers/xmllint';

// Our XML exports checked by a real XML Schema validator (libxml2's xmllint): CAP against the official
// OASIS CAP 1.2 schema, EMSI against the TSO 2.0 structure (tests/fixtures/standards). Free text with
// characters XML 1.0 forbids is accepted at input and dropped from every document, so no incident's
// export is ever unparseable.

const { s: suite } = serverSuite({
  users: ['calltaker', 'dispatcher'],
  env: { CAP_SENDER: 'cad112@reco-lj.si' },
});

const CONTROL = 'Dim\u0001 iz strehe\u0008,\u000b sosed\u000c kliče\u001f';

async function exportOf(path: string) {
  const res = await fetch(`${suite.server.url}${path}`, { headers: { cookie: suite.as.dispatcher.cookie } });
  expect(res.status).toBe(200);
  return res.text();
}

async function expectValid(xml: string, schema: string) {
  const r = await validateXml(xml, schema);
  expect(r.errors).toBe('');
  expect(r.valid).toBe(true);
}

describe('XML exports against their schemas', () => {
  it('an incident through its life: CAP Alert/Update/Cancel and EMSI ALERT/UPDATE/CANCEL are valid', async () => {
    const created = await suite.as.calltaker.send('POST', '/api/incidents', {
      ...FIRE_IN_LJUBLJANA,
      description: CONTROL,
      location: { ...FIRE_IN_LJUBLJANA.location, address: `Prešernov trg 1\u0007, Ljubljana` },
      caller: { phone: '+38641123456', name: 'Ana\u0002 Novak' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    // Stored as typed (a person may see the odd character in the form), dropped in the documents.
    expect(created.body.description).toBe(CONTROL);
    const first = {
      cap: await exportOf(`/api/incidents/${id}/cap`),
      emsi: await exportOf(`/api/incidents/${id}/emsi`),
    };
    const forbidden = [...CONTROL].filter((c) => c.charCodeAt(0) < 0x20);
    for (const xml of [first.cap, first.emsi]) for (const c of forbidden) expect(xml).not.toContain(c);
    expect(first.cap).toContain('Dim iz strehe, sosed kliče');
    await expectValid(first.cap, SCHEMAS.cap);
    await expectValid(first.emsi, SCHEMAS.emsi);

    const units = (await suite.as.dispatcher.get('/api/units?near=46.0514,14.506')).body as {
      id: number;
      status: string;
      capabilities: string[];
    }[];
    for (const cap of ['fire', 'medical']) {
      const unit = units.find((u) => u.status === 'available' && u.capabilities.includes(cap));
      if (unit)
        expect(
          (await suite.as.dispatcher.send('POST', `/api/incidents/${id}/assignments`, { unitId: unit.id }))
            .status,
        ).toBe(201);
    }
    const updated = {
      cap: await exportOf(`/api/incidents/${id}/cap`),
      emsi: await exportOf(`/api/incidents/${id}/emsi`),
    };
    expect(updated.emsi).toContain('<MSGTYPE>UPDATE</MSGTYPE>');
    expect(updated.emsi).toContain('<RESOURCE>');
    await expectValid(updated.cap, SCHEMAS.cap);
    await expectValid(updated.emsi, SCHEMAS.emsi);

    const current = (await suite.as.dispatcher.get(`/api/incidents/${id}`)).body;
    const cancel = await suite.as.dispatcher.send(
      'POST',
      `/api/incidents/${id}/cancel`,
      { version: current.version, reason: 'Napačen klic', releaseUnits: true },
      { 'idempotency-key': `xsd-cancel-${id}` },
    );
    expect(cancel.status).toBe(200);
    const ended = {
      cap: await exportOf(`/api/incidents/${id}/cap`),
      emsi: await exportOf(`/api/incidents/${id}/emsi`),
    };
    expect(ended.cap).toContain('<msgType>Cancel</msgType>');
    expect(ended.emsi).toContain('<MSGTYPE>CANCEL</MSGTYPE>');
    await expectValid(ended.cap, SCHEMAS.cap);
    await expectValid(ended.emsi, SCHEMAS.emsi);
  });

  it('a public warning (CAP) with a control character in its text is valid CAP 1.2', async () => {
    const supervisor = await login(suite.server.url, 'supervisor');
    const res = await supervisor.send('POST', '/api/cap/alerts', {
      ...FLOOD_WARNING,
      headline: { sl: 'Poplave\u0001 ob Savi', en: 'Floods along the Sava' },
      description: { sl: 'Sava prestopa bregove.', en: 'The Sava\u000b is overflowing.' },
    });
    expect(res.status).toBe(201);
    const xml = await (await fetch(`${suite.server.url}/api/cap/alerts/${res.body.id}`)).text();
    await expectValid(xml, SCHEMAS.cap);
    const cancelled = await supervisor.send('POST', `/api/cap/alerts/${res.body.id}/cancel`);
    expect(cancelled.status).toBeLessThan(300);
    await expectValid(
      await (await fetch(`${suite.server.url}/api/cap/alerts/${res.body.id}`)).text(),
      SCHEMAS.cap,
    );
  });

  it('the validator does reject what breaks the schema (the check is real)', async () => {
    const cap = await exportOf(
      `/api/incidents/${(await suite.as.calltaker.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA)).body.id}/cap`,
    );
    expect(
      (await validateXml(cap.replace('<status>Actual</status>', '<status>Real</status>'), SCHEMAS.cap)).valid,
    ).toBe(false);
    const emsi = await exportOf(
      `/api/incidents/${(await suite.as.calltaker.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA)).body.id}/emsi`,
    );
    // Element order matters: LEVEL after SECLASS is not the report's structure.
    const swapped = emsi.replace(/(<LEVEL>.*<\/LEVEL>)(\s*)(<SECLASS>.*<\/SECLASS>)/, '$3$2$1');
    expect((await validateXml(swapped, SCHEMAS.emsi)).valid).toBe(false);
    expect(
      (await validateXml(emsi.replace('<TYPE>GEN</TYPE>', '<TYPE>gen x</TYPE>'), SCHEMAS.emsi)).valid,
    ).toBe(false);
  });
});
