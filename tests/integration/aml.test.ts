import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../lib/auth/manage-api-tokens';
import { AML_GOOD, amlSms } from '../helpers/aml';
import { login, request, type Session } from '../helpers/api';
import { count, openTestDb, rawClient } from '../helpers/db';
import { type RunningServer, startServer } from '../helpers/server';
import { TestSocket } from '../helpers/socket';

let server: RunningServer;
let raw: pg.Client;
let calltaker: Session;
let gatewayToken: string;

beforeAll(async () => {
  server = await startServer();
  raw = await rawClient();
  calltaker = await login(server.url, 'calltaker');
  const h = await openTestDb();
  gatewayToken = (await createApiToken(h.db, null, { name: 'aml-gateway', role: 'call_taker' })).token;
  await h.close();
});

afterAll(async () => {
  await raw.end();
  await server.kill();
});

const postSms = (text: string, from = '+38641555000', auth: Record<string, string> = {}) =>
  request(server.url, 'POST', `/api/aml?from=${encodeURIComponent(from)}`, {
    raw: text,
    headers: { 'content-type': 'text/plain', authorization: `Bearer ${gatewayToken}`, ...auth },
  });

describe('POST /api/aml', () => {
  it('an SMS gateway posts an AML SMS; the call-taker’s screen hears of it and can look it up', async () => {
    const s = await TestSocket.open(server.url, { cookie: calltaker.cookie });
    await s.subscribe(null);
    const res = await postSms(amlSms(AML_GOOD), '041 555 000');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      phone: '+38641555000',
      accuracyM: 15,
      source: 'aml_sms',
      method: 'gnss',
    });
    expect(res.body.position.d96.e).toBeGreaterThan(460_000);
    const ev = await s.event('location.fix_received');
    expect(ev.data.fix.id).toBe(res.body.id);
    const latest = await calltaker.get(`/api/location-fixes?phone=${encodeURIComponent('+386 41 555 000')}`);
    expect(latest.body[0].id).toBe(res.body.id);
    await s.close();
  });

  it('the HTTPS form from a call-taker’s session is accepted too', async () => {
    const body = new URLSearchParams({
      v: '3',
      device_number: '+38640111222',
      location_latitude: '46.3797',
      location_longitude: '13.849',
      location_time: String(Date.now() - 30_000),
      location_accuracy: '8',
      location_source: 'gps',
    }).toString();
    const res = await request(server.url, 'POST', '/api/aml', {
      raw: body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: calltaker.cookie },
    });
    expect(res.status).toBe(201);
    expect(res.body.position.lat).toBeCloseTo(46.3797, 5);
  });

  it('stores the no-fix form without a position', async () => {
    const res = await postSms(amlSms({ ...AML_GOOD, lt: '', lg: '', rd: 'N', pm: 'N' }));
    expect(res.status).toBe(201);
    expect(res.body.position).toBeNull();
  });

  // A handset's message is never lost for a formality: stored, its doubts named, shown to a person.
  const doubtful: [string, string, string][] = [
    ['truncated', amlSms(AML_GOOD).slice(0, -20), 'length_missing'],
    ['wrong type', amlSms({ ...AML_GOOD, lc: 'high' }), 'confidence_unreadable'],
    ['out of range', amlSms({ ...AML_GOOD, lt: '+99.00000' }), 'position_unreadable'],
    ['injection', amlSms({ ...AML_GOOD, si: "1';drop table location_fixes;--" }), 'device_id_unreadable'],
  ];
  for (const [name, text, doubt] of doubtful) {
    it(`stores a ${name} message with the doubt ${doubt}, raw text kept`, async () => {
      const res = await postSms(text, '+38641555777');
      expect(res.status).toBe(201);
      expect(res.body.doubts).toContain(doubt);
      const row = await raw.query('select raw, doubts from location_fixes where id = $1', [res.body.id]);
      expect(row.rows[0].raw).toBe(text);
      expect(row.rows[0].doubts).toContain(doubt);
    });
  }

  it("the standard's example (ml=124 on a longer text) keeps its location, flagged", async () => {
    const res = await postSms(
      'A"ML=1;lt=+55.74317;lg=+013.67165;rd=50;top=20130717141935;lc=90;pm=W;si=123456789012345;ei=1234567890123456;mcc=234;mnc=30;ml=124',
      '+447700900123',
    );
    expect(res.status).toBe(201);
    expect(res.body.position).toMatchObject({ lat: 55.74317, lon: 13.67165 });
    expect(res.body.doubts).toEqual(['length_mismatch']);
  });

  it('a data SMS arrives as bytes (application/octet-stream) or as hex text', async () => {
    const bytes = Buffer.from(amlSms(AML_GOOD), 'latin1');
    const bin = await request(server.url, 'POST', '/api/aml?from=%2B38641555888', {
      raw: bytes,
      headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${gatewayToken}` },
    });
    expect(bin.status).toBe(201);
    expect(bin.body.position).toMatchObject({ lat: 46.0514 });
    const hex = await postSms(bytes.toString('hex'), '+38641555888');
    expect(hex.status).toBe(201);
    expect(hex.body.position).toMatchObject({ lat: 46.0514 });
  });

  it('refuses a message with no AML in it with 400 naming the field, stores nothing, logs the raw text', async () => {
    const before = await count(raw, 'location_fixes');
    const res = await postSms('Pomagajte, gori!');
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { field: string }) => f.field)).toContain('A"ML');
    expect(await count(raw, 'location_fixes')).toBe(before);
  });

  it('refuses other content types and unauthenticated posts', async () => {
    const json = await request(server.url, 'POST', '/api/aml', {
      body: { lt: 1 },
      headers: { authorization: `Bearer ${gatewayToken}` },
    });
    expect(json.status).toBe(415);
    const anon = await request(server.url, 'POST', '/api/aml?from=041555000', {
      raw: amlSms(AML_GOOD),
      headers: { 'content-type': 'text/plain' },
    });
    expect(anon.status).toBe(401);
    const station = await login(server.url, 'station');
    expect((await station.send('POST', '/api/aml', {})).status).toBe(403);
  });
});
