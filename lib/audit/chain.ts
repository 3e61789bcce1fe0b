import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client';

// The event log's hash chain, recomputed outside the database (migration 0025 computes it inside):
//   hash(n) = SHA-256( hash(n-1) || UTF-8( seq ␟ type ␟ at-µs ␟ incident ␟ unit ␟ station ␟ actor-id ␟
//             actor ␟ payload ) )
// with ␟ = U+001F, empty text for a null id, at as whole microseconds since 1970 UTC, payload as
// PostgreSQL prints jsonb (keys ordered, one canonical spacing), and an empty hash before the first row.
// Only plain column reads and casts are asked of the database: the arithmetic is this file's.

const SEP = '\u001f';

export interface ChainRow {
  seq: string;
  type: string;
  atUs: string;
  incidentId: string | null;
  unitId: string | null;
  stationId: string | null;
  actorUserId: string | null;
  actor: string;
  payload: string;
  hash: string | null;
}

/** The hash a row must carry, given the previous row's (hex; '' before the first row). */
export function chainHash(prevHex: string, r: ChainRow): string {
  const content = [
    r.seq,
    r.type,
    r.atUs,
    r.incidentId ?? '',
    r.unitId ?? '',
    r.stationId ?? '',
    r.actorUserId ?? '',
    r.actor,
    r.payload,
  ].join(SEP);
  return createHash('sha256').update(Buffer.from(prevHex, 'hex')).update(content, 'utf8').digest('hex');
}

/** An anchor: the chain's head at a moment, kept outside the database too. */
export interface Anchor {
  seq: number;
  hash: string;
  at?: string;
  source: string;
}

export interface Break {
  seq: number;
  /** content: the row is not what was hashed (changed, or a row before it removed or inserted). */
  reason: 'content' | 'missing_hash';
  expected: string;
  found: string | null;
}

export interface AnchorMismatch extends Anchor {
  /** What the log holds at that seq now (null: no such row). */
  found: string | null;
}

export interface ChainReport {
  intact: boolean;
  rows: number;
  head: { seq: number; hash: string } | null;
  /** The first broken link, and how many there are in all. */
  firstBreak: Break | null;
  breaks: number;
  anchors: { checked: number; mismatches: AnchorMismatch[] };
  ms: number;
}

const BATCH = 5000;

/**
 * Walks the whole log in seq order and reports the first broken link. Each row is checked against the
 * previous row's stored hash, so one altered or removed row is one break and the rows after it still
 * check. Anchors (from the database's table and from outside) must match the stored hash at their seq.
 */
export async function verifyChain(
  db: Db,
  opts: { anchors?: Anchor[]; onProgress?: (rows: number) => void } = {},
): Promise<ChainReport> {
  const started = Date.now();
  const anchorsBySeq = new Map<number, Anchor[]>();
  for (const a of opts.anchors ?? []) anchorsBySeq.set(a.seq, [...(anchorsBySeq.get(a.seq) ?? []), a]);
  const foundAt = new Map<number, string>();
  let prev = '';
  let after = -1;
  let rows = 0;
  let breaks = 0;
  let firstBreak: Break | null = null;
  let head: ChainReport['head'] = null;
  for (;;) {
    const batch = rowsOf<ChainRow>(
      await db.execute(sql`
        select e.seq::text as "seq", e.type, ((extract(epoch from e.at) * 1000000)::bigint)::text as "atUs",
               incident_id::text as "incidentId", unit_id::text as "unitId", station_id::text as "stationId",
               actor_user_id::text as "actorUserId", actor, payload::text as payload,
               encode(hash, 'hex') as hash
          from events e where e.seq > ${after} order by e.seq limit ${BATCH}`),
    );
    for (const r of batch) {
      const seq = Number(r.seq);
      const expected = chainHash(prev, r);
      if (r.hash !== expected) {
        breaks++;
        firstBreak ??= { seq, reason: r.hash ? 'content' : 'missing_hash', expected, found: r.hash };
      }
      if (anchorsBySeq.has(seq)) foundAt.set(seq, r.hash ?? '');
      prev = r.hash ?? expected;
      head = { seq, hash: prev };
      after = seq;
    }
    rows += batch.length;
    opts.onProgress?.(rows);
    if (batch.length < BATCH) break;
  }
  const mismatches: AnchorMismatch[] = [];
  for (const [seq, list] of anchorsBySeq)
    for (const a of list) {
      const found = foundAt.get(seq) ?? null;
      if (found !== a.hash.toLowerCase()) mismatches.push({ ...a, found });
    }
  return {
    intact: breaks === 0 && mismatches.length === 0,
    rows,
    head,
    firstBreak,
    breaks,
    anchors: { checked: opts.anchors?.length ?? 0, mismatches },
    ms: Date.now() - started,
  };
}

/** The anchors the database holds (a rewrite could change them too: the outside copies are the proof). */
export async function storedAnchors(db: Db): Promise<Anchor[]> {
  const rows = rowsOf<{ seq: string; hash: string; at: Date | string }>(
    await db.execute(sql`select seq::text as seq, hash, at from audit_anchors order by id`),
  );
  return rows.map((r) => ({
    seq: Number(r.seq),
    hash: r.hash,
    at: new Date(r.at).toISOString(),
    source: 'database',
  }));
}

/** Anchors from a file of JSON lines ({"seq":…,"hash":"…","at":"…"}), as the anchor job writes it. */
export function anchorsFromFile(file: string): Anchor[] {
  const out: Anchor[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      let v: { seq?: unknown; hash?: unknown; at?: unknown };
      try {
        v = JSON.parse(line);
      } catch {
        throw new Error(`${file}:${i + 1}: not a JSON line`);
      }
      if (typeof v.seq !== 'number' || typeof v.hash !== 'string' || !/^[0-9a-f]{64}$/i.test(v.hash))
        throw new Error(`${file}:${i + 1}: an anchor needs a numeric seq and a 64-hex-digit hash`);
      out.push({ seq: v.seq, hash: v.hash, at: typeof v.at === 'string' ? v.at : undefined, source: file });
    });
  return out;
}
