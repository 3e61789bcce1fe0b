import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, openDatabase } from '../../db/client';
import { prepareSchema } from '../../db/migrate';
import { logProtection } from '../../db/roles';
import { writeAnchor } from '../../lib/audit/anchor';
import { anchorsFromFile, storedAnchors, verifyChain } from '../../lib/audit/chain';
import { domainImported } from '../../lib/events/build';
import { inWriteTx } from '../../lib/events/write-tx';
import { login } from '../helpers/api';
import { ADMIN_DATABASE_URL } from '../helpers/env';
import { type RunningServer, startServer } from '../helpers/server';
import { startSmtpSink } from '../helpers/smtp-sink';

// The event log as evidence (docs/proof.md): the server's own role cannot alter it by any means a
// database role has, the hash chain finds a row rewritten by someone who can (a superuser), and an
// anchor kept outside finds even a rewrite of the whole tail with every hash recomputed.
// A database of its own: this file tampers with it on purpose.

const DB = `cad112_chain_${process.pid}`;
const url = (role: string) => {
  const u = new URL(ADMIN_DATABASE_URL);
  u.username = role;
  u.pathname = `/${DB}`;
  return u.toString();
};
const APP_URL = url('cad112_app');
const OWNER_URL = url('cad112_owner');
const ADMIN_URL = url(new URL(ADMIN_DATABASE_URL).username);

let app: DbHandle;
let appRaw: pg.Client;
let admin: pg.Client;
const dir = mkdtempSync(path.join(tmpdir(), 'cad112-anchors-'));
const anchorFile = path.join(dir, 'anchors.jsonl');

async function appendEvents(n: number, label: string): Promise<void> {
  for (let i = 0; i < n; i++)
    await inWriteTx(app.db, null, async (w) => {
      w.emit(
        domainImported({
          dataset: `${label}-${i}`,
          format: 'csv',
          inserted: i,
          updated: 0,
          flagged: 0,
          rejected: 0,
        }),
      );
    });
}

async function count(): Promise<number> {
  return Number((await appRaw.query('select count(*) as n from events')).rows[0].n);
}

beforeAll(async () => {
  const root = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await root.connect();
  await root.query(`drop database if exists ${DB} with (force)`);
  await root.query(`create database ${DB} owner cad112_owner`);
  await root.end();
  admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query('create extension if not exists postgis');
  await admin.query('create extension if not exists pg_trgm');
  app = await openDatabase({ databaseUrl: APP_URL, pgliteDir: '' });
  await prepareSchema(app, OWNER_URL);
  appRaw = new pg.Client({ connectionString: APP_URL });
  await appRaw.connect();
  await appendEvents(30, 'before');
}, 120_000);

afterAll(async () => {
  await appRaw?.end();
  await app?.close();
  await admin?.query(
    `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${DB}' and pid <> pg_backend_pid()`,
  );
  await admin?.end();
  const root = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await root.connect();
  await root.query(`drop database if exists ${DB} with (force)`);
  await root.end();
  rmSync(dir, { recursive: true, force: true });
});

describe('the server’s database role cannot alter the event log', () => {
  it('is neither superuser nor owner and holds no UPDATE, DELETE or TRUNCATE on it', async () => {
    const p = await logProtection(app.db);
    expect(p).toMatchObject({
      role: 'cad112_app',
      superuser: false,
      owner: false,
      canRewrite: false,
      protected: true,
    });
    const owner = await openDatabase({ databaseUrl: OWNER_URL, pgliteDir: '' });
    expect((await logProtection(owner.db)).protected).toBe(false);
    await owner.close();
  });

  const attempts: [string, string, RegExp][] = [
    ['UPDATE', `update events set actor = 'forged'`, /permission denied/],
    ['DELETE', 'delete from events', /permission denied/],
    ['TRUNCATE', 'truncate events', /permission denied/],
    ['disable the trigger', 'alter table events disable trigger events_no_update_delete', /must be owner/],
    ['disable every trigger', 'alter table events disable trigger all', /must be owner/],
    ['drop the chain trigger', 'drop trigger events_chain on events', /must be owner/],
    [
      "replace the trigger's function",
      `create or replace function events_append_only() returns trigger language plpgsql as $$ begin return new; end $$`,
      /must be owner|permission denied/,
    ],
    [
      "replace the chain's function",
      `create or replace function events_chain() returns trigger language plpgsql as $$ begin return new; end $$`,
      /must be owner|permission denied/,
    ],
    ['switch triggers off for the session', 'set session_replication_role = replica', /permission denied/],
    ['grant itself UPDATE', 'grant update on events to cad112_app', /permission denied|no privileges/],
    ['take ownership', 'alter table events owner to cad112_app', /must be owner/],
    ['rename the table', 'alter table events rename to events_old', /must be owner/],
    [
      'choose its own seq',
      `insert into events (seq, type, actor, payload) values (9000000000, 'x', 'forged', '{}')`,
      /permission denied/,
    ],
    [
      'choose its own hash',
      `insert into events (type, actor, payload, hash) values ('x', 'forged', '{}', '\\x00')`,
      /permission denied/,
    ],
    ['drop the table', 'drop table events', /must be owner/],
  ];

  it.each(attempts)('%s: refused', async (_what, statement, error) => {
    const before = await count();
    const err = await appRaw.query(statement).then(
      () => null,
      (e: Error) => e,
    );
    // "grant" by a role without the grant option only warns; check nothing was granted instead.
    if (statement.startsWith('grant'))
      expect((await appRaw.query(`select has_table_privilege('events', 'UPDATE') as ok`)).rows[0].ok).toBe(
        false,
      );
    else expect(err?.message).toMatch(error);
    expect(await count()).toBe(before);
    expect((await verifyChain(app.db)).intact).toBe(true);
  });

  it('concurrent writers still make one unbroken chain in seq order', async () => {
    await Promise.all(Array.from({ length: 8 }, (_, k) => appendEvents(10, `concurrent-${k}`)));
    const r = await verifyChain(app.db);
    expect(r).toMatchObject({ intact: true, breaks: 0 });
    expect(r.rows).toBe(await count());
  });
});

describe('the verifier finds what a superuser rewrites', () => {
  it('npm run audit:verify says intact (exit 0) on an untouched log', () => {
    const out = spawnSync(process.execPath, ['--import', 'tsx', 'db/cli/audit-verify.ts'], {
      env: { ...process.env, DATABASE_URL: APP_URL, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
    });
    expect(out.stdout).toContain('audit chain: intact');
    expect(out.status).toBe(0);
  });

  it('one changed payload is one broken link, at its seq', async () => {
    const { rows } = await admin.query('select seq from events order by seq limit 1 offset 10');
    const seq = Number(rows[0].seq);
    await admin.query('set session_replication_role = replica');
    await admin.query(`update events set payload = jsonb_set(payload, '{inserted}', '999') where seq = $1`, [
      seq,
    ]);
    await admin.query('set session_replication_role = origin');
    const r = await verifyChain(app.db);
    expect(r.intact).toBe(false);
    expect(r.firstBreak).toMatchObject({ seq, reason: 'content' });
    expect(r.breaks).toBe(1);
    // Put it back as it was: the chain is whole again (the check is of content, not of a flag).
    await admin.query('set session_replication_role = replica');
    await admin.query(`update events set payload = jsonb_set(payload, '{inserted}', '10') where seq = $1`, [
      seq,
    ]);
    await admin.query('set session_replication_role = origin');
    expect((await verifyChain(app.db)).intact).toBe(true);
  });

  it('a removed row breaks the link of the row after it', async () => {
    const { rows } = await admin.query('select seq from events order by seq limit 2 offset 20');
    const [gone, next] = rows.map((r) => Number(r.seq));
    await admin.query('create temp table gone as select * from events where seq = $1', [gone]);
    await admin.query('set session_replication_role = replica');
    await admin.query('delete from events where seq = $1', [gone]);
    const r = await verifyChain(app.db);
    expect(r.firstBreak).toMatchObject({ seq: next, reason: 'content' });
    await admin.query('insert into events select * from gone');
    await admin.query('set session_replication_role = origin');
    expect((await verifyChain(app.db)).intact).toBe(true);
  });

  it('a rewrite of the whole tail, hashes recomputed and database anchors changed, fails the anchor file', async () => {
    const anchor = await writeAnchor(app.db, null, { file: anchorFile });
    expect(anchor.destinations).toEqual([{ kind: 'file', target: anchorFile, ok: true }]);
    const line = JSON.parse(readFileSync(anchorFile, 'utf8').trim().split('\n').at(-1) as string);
    expect(line).toMatchObject({ seq: anchor.seq, hash: anchor.hash });
    await appendEvents(5, 'after-anchor');

    // The perfect forgery a superuser could make: change an old row, recompute every hash after it with
    // the database's own function, and make the database's anchors agree.
    await admin.query('set session_replication_role = replica');
    await admin.query(`
      do $$
      declare r record; prev bytea; first bigint := (select seq from events order by seq offset 5 limit 1);
      begin
        update events set actor = 'rewritten' where seq = first;
        select hash into prev from events where seq < first order by seq desc limit 1;
        for r in select * from events where seq >= first order by seq loop
          prev := event_chain_hash(prev, r.seq, r.type, r.at, r.incident_id, r.unit_id, r.station_id,
                                   r.actor_user_id, r.actor, r.payload);
          update events set hash = prev where seq = r.seq;
        end loop;
        update audit_anchors a set hash = encode(e.hash, 'hex') from events e where e.seq = a.seq;
      end $$`);
    await admin.query('set session_replication_role = origin');

    const inside = await verifyChain(app.db, { anchors: await storedAnchors(app.db) });
    expect(inside.intact).toBe(true);
    const outside = await verifyChain(app.db, { anchors: anchorsFromFile(anchorFile) });
    expect(outside.intact).toBe(false);
    expect(outside.anchors.mismatches).toHaveLength(1);
    expect(outside.anchors.mismatches[0]).toMatchObject({ seq: anchor.seq, hash: anchor.hash });

    const cli = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'db/cli/audit-verify.ts', '--anchors', anchorFile],
      { env: { ...process.env, DATABASE_URL: APP_URL, LOG_LEVEL: 'silent' }, encoding: 'utf8' },
    );
    expect(cli.stdout).toContain(`ANCHOR MISMATCH: ${anchorFile} anchored seq ${anchor.seq}`);
    expect(cli.stdout).toContain('audit chain: NOT intact');
    expect(cli.status).toBe(1);
  });
});

describe('the supervisor’s screen actions', () => {
  let server: RunningServer;
  const file = path.join(dir, 'server-anchors.jsonl');

  let sink: Awaited<ReturnType<typeof startSmtpSink>>;

  beforeAll(async () => {
    // The inspector's archive: a real SMTP conversation through the centre's relay.
    sink = await startSmtpSink(0);
    server = await startServer({
      env: {
        AUDIT_ANCHOR_FILE: file,
        AUDIT_ANCHOR_EMAIL: 'revizija@inspektorat.example.si',
        MAIL_RELAY_URL: `smtp://127.0.0.1:${sink.port}`,
        AUDIT_ANCHOR_INTERVAL_MIN: '0',
      },
    });
  });
  afterAll(async () => {
    await server.kill();
    await sink.close();
  });

  it('shows the protection, anchors now, and verifies the chain with the anchor file', async () => {
    const sup = await login(server.url, 'supervisor');
    const status = await sup.get('/api/audit/chain');
    expect(status.status).toBe(200);
    expect(status.body.protection).toMatchObject({ role: 'cad112_app', protected: true });
    expect(status.body.destinations.file).toBe(file);

    const anchored = await sup.send('POST', '/api/audit/anchors', undefined, {
      'idempotency-key': `anchor-${Date.now()}`,
    });
    expect(anchored.status).toBe(201);
    expect(anchored.body.destinations).toEqual([
      { kind: 'file', target: file, ok: true },
      { kind: 'email', target: 'revizija@inspektorat.example.si', ok: true },
    ]);
    expect(readFileSync(file, 'utf8')).toContain(`"hash":"${anchored.body.hash}"`);
    const mail = sink.received.at(-1);
    expect(mail?.subject).toBe(`CAD 112 audit anchor #${anchored.body.seq}`);
    const line = (mail?.text ?? '').split('\n')[0] as string;
    expect(JSON.parse(line)).toMatchObject({ seq: anchored.body.seq, hash: anchored.body.hash });

    const verified = await sup.get('/api/audit/chain/verify');
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ intact: true, anchorFile: file, breaks: 0 });
    expect(verified.body.anchors.checked).toBeGreaterThanOrEqual(2);

    const dispatcher = await login(server.url, 'dispatcher');
    expect((await dispatcher.get('/api/audit/chain/verify')).status).toBe(403);
    expect((await dispatcher.send('POST', '/api/audit/anchors')).status).toBe(403);
  });
});
