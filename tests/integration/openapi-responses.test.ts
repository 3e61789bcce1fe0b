import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { createApiToken } from '../../lib/auth/manage-api-tokens';
import { openApiDocument } from '../../lib/http/openapi';
import { allowed, ROUTES, type RouteSpec } from '../../lib/http/routes';
import { receiveEdgeEvent } from '../../lib/telephony/receive-edge-event';
import { FIRE_IN_LJUBLJANA, FLOOD_WARNING, request, type Session, sessionFor } from '../helpers/api';
import { availableUnit, openTestDb } from '../helpers/db';
import { serverSuite } from '../helpers/server-suite';
import { TELEPHONY_TOKEN } from '../helpers/telephony';

// Every GET route answered for real and compared with what the API document says it answers: the
// JSON body against the documented schema (JSON Schema 2020-12, as OpenAPI 3.1 uses), other formats
// by their media type. A route the document describes wrongly fails here.

const { s: suite } = serverSuite({
  users: ['calltaker', 'dispatcher', 'supervisor', 'station'],
  env: { CAP_SENDER: 'cad112@reco-lj.si', TELEPHONY_TOKEN },
});

type Doc = {
  components: { schemas: Record<string, unknown> };
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>
  >;
};

const ROLE_USER: Record<string, 'calltaker' | 'dispatcher' | 'supervisor' | 'station'> = {
  supervisor: 'supervisor',
  dispatcher: 'dispatcher',
  call_taker: 'calltaker',
  station: 'station',
};

describe('GET answers match the API document', () => {
  it('every GET route, as a role that may call it, answers what the document describes', async () => {
    const doc = openApiDocument() as unknown as Doc;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    /** The documented schema with the document's named schemas beside it (its $refs point there). */
    const compile = (schema: unknown, id: string) =>
      ajv.compile({ $id: id, ...(schema as object), components: doc.components });

    // Only what this server wrote is compared: other test files leave hand-made fixture rows in the log.
    const since = Number((await suite.raw.query('select coalesce(max(seq), 0) as s from events')).rows[0].s);
    const started = new Date().toISOString();
    // Real objects for the paths that need one.
    const { calltaker, dispatcher, supervisor } = suite.as;
    const incident = (await calltaker.send('POST', '/api/incidents', FIRE_IN_LJUBLJANA)).body;
    const unitId = await availableUnit(suite.raw, 'GB-LJ-');
    await dispatcher.send('POST', `/api/incidents/${incident.id}/assignments`, { unitId });
    const ecall = await calltaker.send('POST', '/api/ecall', {
      messageIdentifier: 3,
      control: {
        automaticActivation: true,
        testCall: false,
        positionCanBeTrusted: true,
        vehicleType: 'passengerVehicleClassM1',
      },
      vehicleIdentificationNumber: 'WVWZZZ1JZXW000077',
      timestamp: Math.floor(Date.now() / 1000) - 30,
      vehicleLocation: { positionLatitude: 2147483647, positionLongitude: 2147483647 },
      callbackNumber: '+38641000777',
    });
    const alert = await supervisor.send('POST', '/api/cap/alerts', FLOOD_WARNING);
    const hook = await supervisor.send('POST', '/api/webhooks', {
      name: `openapi-${Date.now()}`,
      url: 'http://127.0.0.1:9/hook',
      events: ['incident.created'],
    });
    const h = await openTestDb();
    const { token } = await createApiToken(h.db, null, {
      name: `openapi-sms-${Date.now()}`,
      role: 'call_taker',
      stationId: null,
    });
    // A call as the SIP edge reports it (through the same code as POST /api/telephony/events).
    const call = await receiveEdgeEvent(h.db, {
      id: `openapi-${Date.now()}`,
      event: 'offered',
      callId: `openapi-${Date.now()}@esinet.test`,
      at: String(Date.now() / 1000),
      message: Buffer.from(
        'INVITE urn:service:sos SIP/2.0\r\nP-Asserted-Identity: <tel:+38640777000>\r\nFrom: <tel:+38640777000>;tag=1\r\n\r\n',
      ).toString('base64'),
    });
    await h.close();
    const gateway: Session = sessionFor(suite.server.url, '', 'call_taker', token);
    const sms = await gateway.send('POST', '/api/sms/inbound', {
      from: '041 555 321',
      to: '112',
      text: 'Pomoč',
      id: `openapi-${Date.now()}`,
    });
    const conversationId = sms.body.message?.conversationId ?? sms.body.conversation?.id;
    expect(conversationId).toBeTruthy();
    const to = new Date().toISOString();
    const ids: Record<string, number> = {
      getIncident: incident.id,
      incidentCap: incident.id,
      incidentEmsi: incident.id,
      recommendations: incident.id,
      incidentReplay: incident.id,
      ecallGet: ecall.body.ecallId,
      getPublicAlert: alert.body.id,
      webhookDeliveries: hook.body.id,
      getMessages: conversationId,
      getCall: call.callId ?? 0,
      incidentOncall: incident.id,
      incidentSurroundings: incident.id,
    };
    const queries: Record<string, Record<string, string>> = {
      geocode: { q: 'Prešernov trg' },
      reverseGeocode: { lat: '46.0514', lon: '14.506' },
      geoParse: { text: '46.0514, 14.506' },
      locationFixes: { phone: '+38641000777' },
      nearbyIncidents: { lat: '46.0514', lon: '14.506' },
      windowReplay: { from: started, to },
      statsSummary: { format: 'json' },
      audit: { format: 'json', from: started },
      listEvents: { after: String(since) },
      onDuty: { lat: '46.0514', lon: '14.506', type: 'storm_damage' },
      nearestAeds: { lat: '46.0514', lon: '14.506' },
      waterSources: { lat: '46.0514', lon: '14.506' },
      nearestHospitals: { lat: '46.0514', lon: '14.506', capability: 'trauma' },
      locationNotes: { lat: '46.0569', lon: '14.5058' },
      dangerousGoods: { q: '33/1203' },
    };

    const checked: string[] = [];
    for (const [id, spec] of Object.entries(ROUTES) as [string, RouteSpec][]) {
      if (spec.method !== 'GET') continue;
      const role = (['supervisor', 'dispatcher', 'call_taker', 'station'] as const).find((r) =>
        allowed(spec.access, r),
      );
      const who = role ? suite.as[ROLE_USER[role] as keyof typeof suite.as] : undefined;
      const path = spec.path.replace('{id}', String(ids[id] ?? 1)).replace('{code}', 'KP');
      const url = `${path}${queries[id] ? `?${new URLSearchParams(queries[id])}` : ''}`;
      // The edge's own GET route answers the edge's token only.
      const headers: Record<string, string> =
        id === 'telephonyRoute'
          ? { authorization: `Bearer ${TELEPHONY_TOKEN}` }
          : who
            ? { cookie: who.cookie }
            : {};
      const res = await request(suite.server.url, 'GET', url, { headers });
      expect(res.status, `${id} ${url}`).toBe(200);
      const type = (res.headers.get('content-type') ?? '').split(';')[0] as string;
      const content = doc.paths[spec.path]?.get?.responses['200']?.content ?? {};
      expect(Object.keys(content), `${id}: ${type} is documented`).toContain(type);
      if (type === 'application/json' || type === 'application/geo+json') {
        const validate = compile(content[type]?.schema, `route-${id}`);
        const ok = validate(res.body);
        expect(ok ? [] : validate.errors?.slice(0, 5), `${id} answers its documented schema`).toEqual([]);
      }
      checked.push(id);
    }
    expect(checked).toEqual(
      Object.entries(ROUTES)
        .filter(([, r]) => r.method === 'GET')
        .map(([id]) => id),
    );
    // Sanity: a body that breaks the schema is caught (the comparison is real).
    const inc = doc.paths['/api/incidents/{id}']?.get?.responses['200']?.content?.['application/json']
      ?.schema as object;
    const validate = compile(inc, 'route-negative');
    expect(validate({ ...incident, priority: 42 })).toBe(false);
  }, 120_000);
});
