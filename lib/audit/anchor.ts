import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client';
import { auditAnchors } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { env } from '../env';
import { AppError } from '../errors';
import { auditAnchored } from '../events/build';
import { inWriteTx } from '../events/write-tx';
import { mailRelay } from '../messages/conversation-actions';

// Anchors make a rewrite of the log's whole tail detectable: even an owner who rewrites rows and
// recomputes every hash after them cannot change what was already written to a file on other storage
// or mailed to an inspector. `npm run audit:verify --anchors FILE` compares them with the log.

export interface AnchorDestination {
  kind: 'file' | 'email';
  target: string;
  ok: boolean;
  error?: string;
}

export interface AnchorDto {
  id: number;
  at: string;
  seq: number;
  hash: string;
  destinations: AnchorDestination[];
}

export interface AnchorConfig {
  file?: string;
  email?: string;
}

export function anchorConfig(): AnchorConfig {
  const e = env();
  return { file: e.AUDIT_ANCHOR_FILE, email: e.AUDIT_ANCHOR_EMAIL };
}

/** The newest event's seq and hash, or null on an empty log. */
export async function chainHead(db: Db): Promise<{ seq: number; hash: string } | null> {
  const [row] = rowsOf<{ seq: string; hash: string }>(
    await db.execute(
      sql`select e.seq::text as seq, encode(e.hash, 'hex') as hash from events e order by e.seq desc limit 1`,
    ),
  );
  return row ? { seq: Number(row.seq), hash: row.hash } : null;
}

/** One destination's attempt: what it answered, never an exception (the others still get the anchor). */
async function attempt(
  kind: AnchorDestination['kind'],
  target: string,
  write: () => unknown,
): Promise<AnchorDestination> {
  try {
    await write();
    return { kind, target, ok: true };
  } catch (err) {
    return { kind, target, ok: false, error: String((err as Error).message).slice(0, 200) };
  }
}

async function deliver(cfg: AnchorConfig, line: string, subject: string): Promise<AnchorDestination[]> {
  const out: AnchorDestination[] = [];
  const { file, email } = cfg;
  if (file)
    out.push(
      await attempt('file', file, () => {
        mkdirSync(path.dirname(file), { recursive: true });
        appendFileSync(file, `${line}\n`, { mode: 0o640 });
      }),
    );
  if (email)
    out.push(
      await attempt('email', email, () =>
        mailRelay().sendMail({
          from: `Center 112 <${env().MAIL_ADDRESSES[0]}>`,
          to: email,
          subject,
          text: `${line}\n\nVerify with: npm run audit:verify -- --anchor '${line}'\n`,
        }),
      ),
    );
  return out;
}

/**
 * Writes the chain's head to the configured destinations, then records the anchor (and its event) in
 * the database with what each destination answered. Refused when nothing outside is configured: an
 * anchor only the database holds proves nothing against whoever can rewrite the database.
 */
export async function writeAnchor(db: Db, actor: Principal | null, cfg = anchorConfig()): Promise<AnchorDto> {
  if (!cfg.file && !cfg.email)
    throw new AppError(
      'conflict',
      'no anchor destination is configured (AUDIT_ANCHOR_FILE, AUDIT_ANCHOR_EMAIL)',
      [{ field: 'destination', message: 'not configured' }],
    );
  const head = await chainHead(db);
  if (!head)
    throw new AppError('conflict', 'the event log is empty', [
      { field: 'seq', message: 'nothing to anchor' },
    ]);
  const at = new Date().toISOString();
  const line = JSON.stringify({ seq: head.seq, hash: head.hash, at });
  const destinations = await deliver(cfg, line, `CAD 112 audit anchor #${head.seq}`);
  const { result } = await inWriteTx(db, actor, async (w) => {
    const [row] = await w.tx
      .insert(auditAnchors)
      .values({ seq: head.seq, hash: head.hash, destinations, at: new Date(at) })
      .returning();
    if (!row) throw new Error('anchor not stored');
    w.emit(auditAnchored({ seq: head.seq, hash: head.hash, destinations }));
    return anchorDto(row);
  });
  return result;
}

function anchorDto(row: typeof auditAnchors.$inferSelect): AnchorDto {
  return {
    id: row.id,
    at: row.at.toISOString(),
    seq: row.seq,
    hash: row.hash,
    destinations: row.destinations as AnchorDestination[],
  };
}

export async function listAnchors(db: Db, limit = 20): Promise<AnchorDto[]> {
  const rows = await db.select().from(auditAnchors).orderBy(sql`${auditAnchors.id} desc`).limit(limit);
  return rows.map(anchorDto);
}

const ANCHOR_JOB_LOCK = 112_000_002;

/**
 * The periodic anchor, from any node: the first node whose timer fires after the interval writes it;
 * the others find it recent. Nothing happens without a destination or with an interval of 0.
 */
export async function anchorIfDue(
  db: Db,
  intervalMin: number,
  cfg = anchorConfig(),
): Promise<AnchorDto | null> {
  if (intervalMin <= 0 || (!cfg.file && !cfg.email)) return null;
  const due = await db.transaction(async (tx) => {
    const [got] = rowsOf<{ ok: boolean }>(
      await tx.execute(sql`select pg_try_advisory_xact_lock(${ANCHOR_JOB_LOCK}) as ok`),
    );
    if (!got?.ok) return false;
    const [last] = rowsOf<{ recent: boolean }>(
      await tx.execute(
        sql`select exists(select 1 from audit_anchors where at > now() - make_interval(mins => ${intervalMin})) as recent`,
      ),
    );
    return !last?.recent;
  });
  return due ? writeAnchor(db, null, cfg) : null;
}
