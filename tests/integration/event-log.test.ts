import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, rowsOf } from '../../db/client';
import { incidents, users } from '../../db/schema';
import { literal, tailTransaction } from '../../db/tail-commit';
import type { Principal } from '../../lib/auth/principal';
import { noteAdded } from '../../lib/events/build';
import { inWriteTx } from '../../lib/events/write-tx';
import { createIncident } from '../../lib/incidents/create-incident';
import { FIRE_IN_LJUBLJANA } from '../helpers/api';
import { count, openTestDb, rawClient } from '../helpers/db';
import { TEST_OWNER_DATABASE_URL } from '../helpers/env';

let handle: DbHandle;
let raw: pg.Client;
let actor: Principal;

beforeAll(async () => {
  handle = await openTestDb();
  raw = await rawClient();
  const [u] = await handle.db.select().from(users).where(eq(users.username, 'calltaker'));
  if (!u) throw new Error('seed missing');
  actor = {
    kind: 'user',
    id: u.id,
    userId: u.id,
    name: u.username,
    displayName: u.displayName,
    role: 'call_taker',
    stationId: null,
    centreId: null,
  };
});

/** A note event for the ordering probes (no note row: only the log's ordering is under test). */
function probeNote(text: string) {
  return {
    id: 0,
    incidentId: 1,
    text,
    kind: 'note' as const,
    author: 'probe',
    createdAt: new Date().toISOString(),
  };
}

afterAll(async () => {
  await raw.end();
  await handle.close();
});

describe('the event log', () => {
  it('an incident and its incident.created event are committed together', async () => {
    const inc = await createIncident(handle.db, actor, { ...FIRE_IN_LJUBLJANA, priority: 'red' } as never);
    const ev = await raw.query(`select type, payload from events where incident_id = $1`, [inc.id]);
    expect(ev.rows).toHaveLength(1);
    expect(ev.rows[0].type).toBe('incident.created');
    expect(ev.rows[0].payload.incident.number).toBe(inc.number);
    expect(inc.number).toMatch(/^\d{4}-\d{6}$/);
  });

  it('a failure after the event is emitted leaves neither the change nor the event', async () => {
    const before = { incidents: await count(raw, 'incidents'), events: await count(raw, 'events') };
    await expect(
      inWriteTx(handle.db, actor, async (w) => {
        await w.tx.execute(
          sql`update incidents set description = 'half-done' where id = (select min(id) from incidents)`,
        );
        w.emit(noteAdded(probeNote('half-done')));
        throw new Error('crash in the middle');
      }),
    ).rejects.toThrow('crash in the middle');
    expect(await count(raw, 'incidents')).toBe(before.incidents);
    expect(await count(raw, 'events')).toBe(before.events);
    const r = await raw.query(`select count(*)::int n from incidents where description = 'half-done'`);
    expect(r.rows[0].n).toBe(0);
  });

  it('the append travels with the COMMIT as literal SQL: quotes, backslashes and any script arrive intact', async () => {
    const text = `O'Brien \\ "quoted" \\' E'x' $$ ; commit; -- čšž Ωμέγα 🚒 \\n`;
    const { events } = await inWriteTx(handle.db, actor, async (w) => {
      w.emit(noteAdded(probeNote(text)));
    });
    expect(events).toHaveLength(1);
    const ev = await raw.query(`select payload from events where seq = $1`, [events[0]?.seq]);
    expect(ev.rows[0].payload.note.text).toBe(text);
    expect((events[0]?.payload as { note?: { text?: string } } | undefined)?.note?.text).toBe(text);
  });

  it('an append that PostgreSQL refuses rolls the whole write back and leaves the connection usable', async () => {
    const before = await count(raw, 'events');
    // jsonb refuses the NUL character: the tail's append fails, so its COMMIT never runs.
    await expect(
      inWriteTx(handle.db, actor, async (w) => {
        await w.tx.execute(
          sql`update incidents set description = 'refused-append' where id = (select min(id) from incidents)`,
        );
        w.emit(noteAdded(probeNote('nul \u0000 inside')));
      }),
    ).rejects.toThrow();
    const r = await raw.query(`select count(*)::int n from incidents where description = 'refused-append'`);
    expect(r.rows[0].n).toBe(0);
    expect(await count(raw, 'events')).toBe(before);
    // Every pooled connection still works (none was returned mid-transaction).
    const writes = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        inWriteTx(handle.db, actor, async (w) => {
          w.emit(noteAdded(probeNote(`after the refusal ${i}`)));
        }),
      ),
    );
    expect(writes.every((x) => x.events.length === 1)).toBe(true);
  });

  it('a head sent with the BEGIN gives the body its results; a refused head rolls back and leaves the pool usable', async () => {
    const key = `head-${Date.now()}`;
    const claim = `insert into idempotency_keys (principal, key, route, request_hash, status, response)
      values ('test:head', ${literal(key)}, 'TEST', 'h', 0, '') on conflict do nothing returning key`;
    const first = await tailTransaction(
      handle.db,
      async (_tx, [claimed]) => claimed?.rows,
      () => '',
      claim,
    );
    expect(first.value).toEqual([{ key }]);
    // The same claim again: the conflict gives no row, and nothing else changed.
    const second = await tailTransaction(
      handle.db,
      async (_tx, [claimed]) => claimed?.rowCount,
      () => '',
      claim,
    );
    expect(second.value).toBe(0);
    // A head PostgreSQL refuses (its second statement fails): nothing of it stays, and the body never ran.
    let ran = false;
    const refused = `insert into idempotency_keys (principal, key, route, request_hash, status, response)
      values ('test:head', ${literal(`${key}-2`)}, 'TEST', 'h', 0, '');
      select 1/0`;
    await expect(
      tailTransaction(
        handle.db,
        async () => {
          ran = true;
        },
        () => '',
        refused,
      ),
    ).rejects.toThrow(/division by zero/);
    expect(ran).toBe(false);
    const left = await raw.query('select count(*)::int n from idempotency_keys where key = $1', [`${key}-2`]);
    expect(left.rows[0].n).toBe(0);
    const after = await Promise.all(
      Array.from({ length: 12 }, () =>
        tailTransaction(
          handle.db,
          async (tx) => rowsOf(await tx.execute(sql`select 1 as one`)),
          () => '',
        ),
      ),
    );
    expect(after.every((x) => x.value.length === 1)).toBe(true);
  });

  it('seq order is commit order, even when a slow transaction started first', async () => {
    // Transaction A starts first and holds its work open; B commits meanwhile. A reader that saw B's
    // seq must never find A's event later with a smaller seq.
    let releaseA!: () => void;
    const aMayFinish = new Promise<void>((r) => {
      releaseA = r;
    });
    const a = inWriteTx(handle.db, actor, async (w) => {
      w.emit(noteAdded(probeNote('A')));
      await aMayFinish;
    });
    await new Promise((r) => setTimeout(r, 100));
    const b = await inWriteTx(handle.db, actor, async (w) => {
      w.emit(noteAdded(probeNote('B')));
    });
    releaseA();
    const aResult = await a;
    const seqA = aResult.events[0]?.seq ?? 0;
    const seqB = b.events[0]?.seq ?? 0;
    expect(seqA).toBeGreaterThan(seqB);
  });

  it('many concurrent writers produce strictly increasing, gap-checked seqs in commit order', async () => {
    const start = (await raw.query('select coalesce(max(seq),0)::int m from events')).rows[0].m as number;
    const created = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        createIncident(handle.db, actor, { ...FIRE_IN_LJUBLJANA, description: `concurrent ${i}` } as never),
      ),
    );
    const rows = (await raw.query('select seq, incident_id from events where seq > $1 order by seq', [start]))
      .rows;
    expect(rows).toHaveLength(40);
    expect(new Set(rows.map((r) => r.incident_id))).toEqual(new Set(created.map((c) => c.id)));
    const numbers = created.map((c) => c.number);
    expect(new Set(numbers).size).toBe(40);
  });

  it('numbers incidents gap-free in seq order under concurrency; a creation that fails draws no number', async () => {
    const last = async () =>
      (await raw.query(`select last from incident_counters order by year desc limit 1`)).rows[0]
        ?.last as number;
    const before = await last();
    // One creation fails after its insert (an extra write in its transaction throws): no number is drawn.
    await expect(
      createIncident(handle.db, actor, FIRE_IN_LJUBLJANA as never, {
        alsoInTx: async () => {
          throw new Error('refused in the middle');
        },
      }),
    ).rejects.toThrow('refused in the middle');
    expect(await last()).toBe(before);
    const created = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        createIncident(handle.db, actor, { ...FIRE_IN_LJUBLJANA, description: `numbered ${i}` } as never),
      ),
    );
    const rows = (
      await raw.query(
        `select e.seq, i.number, e.payload->'incident'->>'number' as event_number
           from events e join incidents i on i.id = e.incident_id
          where e.type = 'incident.created' and e.incident_id = any($1::int[]) order by e.seq`,
        [created.map((c) => c.id)],
      )
    ).rows;
    // The row, its event and the API's answer carry the same number; no provisional one is left.
    for (const r of rows) expect(r.event_number).toBe(r.number);
    expect(new Set(created.map((c) => c.number))).toEqual(new Set(rows.map((r) => r.number)));
    const serials = rows.map((r) => Number(String(r.number).slice(5)));
    expect(serials).toEqual(Array.from({ length: 30 }, (_, i) => before + 1 + i));
    expect((await raw.query(`select count(*)::int n from incidents where number like '~%'`)).rows[0].n).toBe(
      0,
    );
  });

  it('is append-only: UPDATE, DELETE and TRUNCATE fail for the owner (trigger) and the server (privilege)', async () => {
    const owner = new pg.Client({ connectionString: TEST_OWNER_DATABASE_URL });
    await owner.connect();
    try {
      await expect(
        owner.query(`update events set type = 'x' where seq = (select min(seq) from events)`),
      ).rejects.toThrow(/append-only/);
      await expect(owner.query('delete from events')).rejects.toThrow(/append-only/);
      await expect(owner.query('truncate events')).rejects.toThrow(/append-only/);
    } finally {
      await owner.end();
    }
    await expect(raw.query(`update events set type = 'x'`)).rejects.toThrow(/permission denied/);
    await expect(raw.query('delete from events')).rejects.toThrow(/permission denied/);
    await expect(raw.query('truncate events')).rejects.toThrow(/permission denied/);
  });

  it('stores positions as geography(Point,4326)', async () => {
    const r = await raw.query(
      `select format_type(a.atttypid, a.atttypmod) t from pg_attribute a where a.attrelid = 'incidents'::regclass and a.attname = 'position'`,
    );
    expect(r.rows[0].t).toBe('geography(Point,4326)');
    const [one] = await handle.db.select({ id: incidents.id }).from(incidents).limit(1);
    expect(one).toBeDefined();
  });
});
