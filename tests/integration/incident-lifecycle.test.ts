import { describe, expect, it } from 'vitest';
import { FIRE_IN_LJUBLJANA } from '../helpers/api';
import { availableUnit } from '../helpers/db';
import { serverSuite } from '../helpers/server-suite';

// The incident after dispatch, through the API the dispatcher's screen uses: close with an outcome,
// cancel, reopen within the window, merge a duplicate, link, release, cancel an alert, swap, and a
// radio report — each one write with its events and the reason on the timeline.

const { s, lastEvent } = serverSuite({
  users: ['calltaker', 'dispatcher', 'station'],
  env: { REOPEN_WINDOW_MIN: '60' },
});

async function newIncident(extra: Record<string, unknown> = {}) {
  const res = await s.as.calltaker.send('POST', '/api/incidents', { ...FIRE_IN_LJUBLJANA, ...extra });
  expect(res.status).toBe(201);
  return res.body as { id: number; number: string; version: number };
}
const detail = async (id: number) => (await s.as.dispatcher.get(`/api/incidents/${id}`)).body;
const post = (path: string, body: unknown, key?: string) =>
  s.as.dispatcher.send('POST', path, body, key ? { 'idempotency-key': key } : {});

async function assign(incidentId: number, prefix = 'GB-LJ-') {
  const unitId = await availableUnit(s.raw, prefix);
  const res = await post(`/api/incidents/${incidentId}/assignments`, { unitId });
  expect(res.status).toBe(201);
  return { unitId, assignmentId: res.body.id as number };
}
const unitStatus = async (id: number) =>
  (await s.raw.query('select status from units where id = $1', [id])).rows[0].status;

describe('close, cancel and reopen', () => {
  it('closing with units on it asks for their release; then closes with the outcome and a timeline note', async () => {
    const inc = await newIncident();
    const { unitId } = await assign(inc.id);
    const v = (await detail(inc.id)).version;
    const refused = await post(`/api/incidents/${inc.id}/close`, { version: v, outcome: 'false_alarm' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('units_assigned');
    expect(refused.body.error.fields[0].field).toBe('releaseUnits');
    expect((await detail(inc.id)).status).toBe('dispatched');

    const key = crypto.randomUUID();
    const body = { version: v, outcome: 'false_alarm', remark: 'Sosed kuri travo', releaseUnits: true };
    const closed = await post(`/api/incidents/${inc.id}/close`, body, key);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'closed',
      outcome: 'false_alarm',
      closeRemark: 'Sosed kuri travo',
    });
    // The same key again: the stored answer, no second close.
    const again = await post(`/api/incidents/${inc.id}/close`, body, key);
    expect(again.body.version).toBe(closed.body.version);
    expect(await unitStatus(unitId)).toBe('available');
    const d = await detail(inc.id);
    expect(d.notes.filter((n: { kind: string }) => n.kind === 'closed')).toHaveLength(1);
    const ev = await lastEvent('incident.updated');
    expect(ev.payload.changes).toEqual(['status', 'outcome']);
    expect(ev.payload.incident.outcome).toBe('false_alarm');
    expect(ev.actor).toMatch(/dispatcher/);
  });

  it('an unknown outcome, a missing version or an empty cancel reason is a 400 naming the field', async () => {
    const inc = await newIncident();
    const bad = await post(`/api/incidents/${inc.id}/close`, { version: 1, outcome: 'finished' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.fields)).toMatch(/outcome/);
    expect((await post(`/api/incidents/${inc.id}/close`, { outcome: 'handled' })).status).toBe(400);
    const noReason = await post(`/api/incidents/${inc.id}/cancel`, { version: 1, reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body.error.fields)).toMatch(/reason/);
    const stale = await post(`/api/incidents/${inc.id}/close`, { version: 99, outcome: 'handled' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    expect(stale.body.error.current.status).toBe('new');
  });

  it('an incident in progress can be cancelled with a reason; it reopens as new within the window', async () => {
    const inc = await newIncident();
    const { unitId } = await assign(inc.id);
    expect((await post(`/api/units/${unitId}/status`, { status: 'en_route' })).status).toBe(200);
    expect((await post(`/api/units/${unitId}/status`, { status: 'on_scene' })).status).toBe(200);
    let d = await detail(inc.id);
    expect(d.status).toBe('in_progress');
    const cancelled = await post(`/api/incidents/${inc.id}/cancel`, {
      version: d.version,
      reason: 'Klicatelj se je zmotil v naslovu',
      releaseUnits: true,
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', outcome: null });
    expect(await unitStatus(unitId)).toBe('available');

    const reopened = await post(`/api/incidents/${inc.id}/reopen`, {
      version: cancelled.body.version,
      reason: 'Ponovni klic: res gori',
    });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'new', closedAt: null, closeRemark: '' });
    d = await detail(inc.id);
    expect(d.notes.map((n: { kind: string }) => n.kind)).toEqual(
      expect.arrayContaining(['status_report', 'cancelled', 'reopened']),
    );
  });

  it('reopening after the window, or an open incident, is refused', async () => {
    const inc = await newIncident();
    const closed = await post(`/api/incidents/${inc.id}/close`, { version: 1, outcome: 'no_action' });
    expect(closed.status).toBe(200);
    await s.raw.query(`update incidents set closed_at = now() - interval '61 minutes' where id = $1`, [
      inc.id,
    ]);
    const late = await post(`/api/incidents/${inc.id}/reopen`, {
      version: closed.body.version,
      reason: 'znova',
    });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/60 minutes/);
    const open = await newIncident();
    expect((await post(`/api/incidents/${open.id}/reopen`, { version: 1, reason: 'znova' })).status).toBe(
      409,
    );
  });

  it('a call-taker may not close, cancel, reopen or merge (403)', async () => {
    const inc = await newIncident();
    for (const action of ['close', 'cancel', 'reopen', 'merge']) {
      const res = await s.as.calltaker.send('POST', `/api/incidents/${inc.id}/${action}`, {
        version: 1,
        outcome: 'handled',
        reason: 'xyz',
        into: inc.id + 1,
      });
      expect(res.status, action).toBe(403);
    }
  });
});

describe('merge and link', () => {
  it('a duplicate merged: callers, notes and working units move; it closes pointing to the survivor', async () => {
    const survivor = await newIncident({ caller: { phone: '+38641111111', name: 'Prvi' } });
    const dup = await newIncident({ caller: { phone: '+38641222222', name: 'Drugi' }, description: 'dim' });
    await s.as.calltaker.send('POST', `/api/incidents/${dup.id}/notes`, { text: 'vidi plamen' });
    await s.as.calltaker.send('POST', `/api/incidents/${dup.id}/callers`, { phone: '+38641333333' });
    const { assignmentId } = await assign(dup.id);
    const v = (await detail(dup.id)).version;

    const merged = await post(`/api/incidents/${dup.id}/merge`, { version: v, into: survivor.id });
    expect(merged.status).toBe(200);
    expect(merged.body.incident).toMatchObject({
      status: 'closed',
      outcome: 'duplicate',
      mergedInto: survivor.id,
    });
    expect(merged.body.into.status).toBe('dispatched');

    const d = await detail(survivor.id);
    expect(d.callers.map((c: { phone: string }) => c.phone)).toEqual(
      expect.arrayContaining(['+38641222222', '+38641333333']),
    );
    expect(d.notes.map((n: { text: string }) => n.text)).toContain('vidi plamen');
    expect(d.notes.some((n: { kind: string }) => n.kind === 'merged')).toBe(true);
    expect(d.assignments.map((a: { id: number }) => a.id)).toContain(assignmentId);
    expect(d.related).toEqual([expect.objectContaining({ id: dup.id, relation: 'merged' })]);
    const old = await detail(dup.id);
    expect(old.related).toEqual([expect.objectContaining({ id: survivor.id, relation: 'into' })]);
    const alert = (
      await s.raw.query('select incident_id from alerts where assignment_id = $1', [assignmentId])
    ).rows[0];
    expect(alert.incident_id).toBe(survivor.id);
    // The station still sees the alert's incident (now the survivor).
    expect((await s.as.station.get(`/api/incidents/${survivor.id}`)).status).toBe(200);

    // A merged duplicate stays closed; merging into a closed incident is refused.
    expect(
      (
        await post(`/api/incidents/${dup.id}/reopen`, {
          version: merged.body.incident.version,
          reason: 'x y z',
        })
      ).status,
    ).toBe(409);
    const third = await newIncident();
    const into = await post(`/api/incidents/${third.id}/merge`, { version: 1, into: dup.id });
    expect(into.status).toBe(409);
    expect(into.body.error.fields[0].field).toBe('into');
    expect((await post(`/api/incidents/${third.id}/merge`, { version: 1, into: third.id })).status).toBe(400);
  });

  it('links both ways once; unlinking removes it; a repeat logs nothing', async () => {
    const a = await newIncident();
    const b = await newIncident();
    const before = Number(
      (await s.raw.query(`select count(*) from events where type = 'incident.linked'`)).rows[0].count,
    );
    expect((await post(`/api/incidents/${b.id}/links`, { other: a.id })).status).toBe(200);
    expect((await post(`/api/incidents/${a.id}/links`, { other: b.id })).status).toBe(200);
    const after = Number(
      (await s.raw.query(`select count(*) from events where type = 'incident.linked'`)).rows[0].count,
    );
    expect(after - before).toBe(1);
    expect((await detail(a.id)).related).toEqual([expect.objectContaining({ id: b.id, relation: 'link' })]);
    expect((await detail(b.id)).related).toEqual([expect.objectContaining({ id: a.id, relation: 'link' })]);
    expect((await post(`/api/incidents/${a.id}/links`, { other: b.id, linked: false })).status).toBe(200);
    expect((await detail(b.id)).related).toEqual([]);
    expect((await post(`/api/incidents/${a.id}/links`, { other: 2_000_000_000 })).status).toBe(400);
  });
});

describe('release, cancel alert, swap, radio report', () => {
  it('cancelling an unacknowledged alert frees the unit and says so on the timeline', async () => {
    const inc = await newIncident();
    const { unitId, assignmentId } = await assign(inc.id);
    const res = await post(`/api/assignments/${assignmentId}/release`, { reason: 'napačna enota' });
    expect(res.status).toBe(200);
    expect(await unitStatus(unitId)).toBe('available');
    const d = await detail(inc.id);
    expect(d.assignments[0].status).toBe('released');
    expect(d.notes.at(-1)).toMatchObject({ kind: 'alert_cancelled' });
    expect(d.notes.at(-1).text).toMatch(/napačna enota/);
    // The alert is cancelled: logged for the station, never escalated, and no longer acknowledgeable.
    const alert = (
      await s.raw.query('select id, cancelled_at from alerts where assignment_id = $1', [assignmentId])
    ).rows[0];
    expect(alert.cancelled_at).not.toBeNull();
    expect((await lastEvent('alert.cancelled')).payload.alert.id).toBe(alert.id);
    const ack = await s.as.station.send('POST', `/api/alerts/${alert.id}/ack`);
    expect(ack.status).toBe(409);
    const pending = (await s.as.station.get('/api/alerts?pending=true')).body as { id: number }[];
    expect(pending.map((x) => x.id)).not.toContain(alert.id);
    const twice = await post(`/api/assignments/${assignmentId}/release`, {});
    expect(twice.status).toBe(409);
    expect((await post('/api/assignments/999999999/release', {})).status).toBe(404);
  });

  it('a unit en route released, and a swap puts another unit in its place in one write', async () => {
    const inc = await newIncident();
    const first = await assign(inc.id);
    await post(`/api/units/${first.unitId}/status`, { status: 'en_route' });
    const other = await availableUnit(s.raw, 'GB-LJ-');
    const seqBefore = Number((await s.raw.query('select max(seq) as m from events')).rows[0].m);
    const swapped = await post(`/api/assignments/${first.assignmentId}/swap`, {
      unitId: other,
      reason: 'okvara',
    });
    expect(swapped.status).toBe(201);
    expect(swapped.body.unitId).toBe(other);
    expect(await unitStatus(first.unitId)).toBe('available');
    expect(await unitStatus(other)).toBe('alerted');
    const types = (
      await s.raw.query('select type from events where seq > $1 order by seq', [seqBefore])
    ).rows.map((r: { type: string }) => r.type);
    expect(types).toEqual(
      expect.arrayContaining(['assignment.updated', 'alert.created', 'incident.note_added']),
    );
    const d = await detail(inc.id);
    expect(d.notes.at(-1)).toMatchObject({ kind: 'swapped' });
    // Swapping to a unit that is busy is refused and changes nothing.
    const busy = await post(`/api/assignments/${swapped.body.id}/swap`, { unitId: swapped.body.unitId });
    expect(busy.status).toBe(400);
    expect(await unitStatus(other)).toBe('alerted');
    await post(`/api/assignments/${swapped.body.id}/release`, {});
  });

  it("a dispatcher's radio report on the crew's behalf is on the incident's timeline with its reason", async () => {
    const inc = await newIncident();
    const { unitId } = await assign(inc.id);
    const res = await post(`/api/units/${unitId}/status`, { status: 'en_route', reason: 'javili po radiu' });
    expect(res.status).toBe(200);
    const note = (await detail(inc.id)).notes.at(-1);
    expect(note.kind).toBe('status_report');
    expect(note.text).toMatch(/en_route: javili po radiu$/);
    await post(`/api/units/${unitId}/status`, { status: 'available' });
    expect(
      Date.parse(
        (await s.as.dispatcher.get('/api/units')).body.find((u: { id: number }) => u.id === unitId)
          .statusSince,
      ),
    ).toBeGreaterThan(Date.now() - 60_000);
  });
});
