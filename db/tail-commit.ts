import { NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';
import { type PgDialect, PgTransaction } from 'drizzle-orm/pg-core';
import pg, { type Pool, type QueryResult } from 'pg';
import type { Db } from './client';

// A transaction whose last statements travel with its COMMIT in one message to PostgreSQL.
//
// The event log's appends hold one lock from the append to the commit (commit order = seq order,
// lib/events/write-tx.ts). Sent apart, the COMMIT leaves only when this process has read the append's
// answer: under the national load that wait is a turn of a busy event loop, and every other write in the
// country queues behind it (issue 20: 20–38 backends waiting on the lock). Sent together, the lock is
// held only while PostgreSQL itself works. The tail is literal SQL (the simple query protocol carries
// several statements but no parameters): build it with `literal()`.

interface PgInternals {
  $client: Pool;
  dialect: PgDialect;
  session: { schema: unknown; options: unknown };
}

/** True for a top-level handle on a PostgreSQL pool (not the embedded database, not a transaction). */
export function canTail(db: Db): boolean {
  return !(db instanceof PgTransaction) && (db as unknown as Partial<PgInternals>).$client instanceof pg.Pool;
}

export interface Tailed<T> {
  value: T;
  /** The results of the tail's statements (without the COMMIT's), in order. */
  results: QueryResult[];
}

/**
 * Runs `body` in a transaction on one pooled connection, then sends `tailOf(value)` and COMMIT as one
 * message. If the body or the tail fails, the transaction is rolled back and the error is thrown.
 * A `head` (literal SQL, like the tail) travels with the BEGIN, and `body` receives its results: a
 * statement every such transaction starts with costs no round trip of its own.
 */
export async function tailTransaction<T>(
  db: Db,
  body: (tx: Db, head: QueryResult[]) => Promise<T>,
  tailOf: (value: T) => string,
  head = '',
): Promise<Tailed<T>> {
  const internals = db as unknown as PgInternals;
  const client = await internals.$client.connect();
  // A connection whose state is unknown (a failed ROLLBACK) is not given back to the pool.
  let broken: Error | undefined;
  try {
    const session = new NodePgSession(
      client,
      internals.dialect,
      internals.session.schema as never,
      internals.session.options as never,
    );
    const tx = new NodePgTransaction(
      internals.dialect,
      session,
      internals.session.schema as never,
    ) as unknown as Db;
    let value: T;
    let tail: string;
    try {
      const opened = await client.query(head.trim() ? `begin;\n${head}` : 'begin');
      const headResults = Array.isArray(opened) ? (opened as QueryResult[]).slice(1) : [];
      value = await body(tx, headResults);
      tail = tailOf(value);
    } catch (err) {
      await client.query('rollback').catch((e: Error) => {
        broken = e;
      });
      throw err;
    }
    let answer: QueryResult | QueryResult[];
    try {
      answer = await client.query(tail.trim() ? `${tail};\ncommit` : 'commit');
    } catch (err) {
      // A failed statement skips the rest of the message, COMMIT included: the transaction is aborted.
      await client.query('rollback').catch((e: Error) => {
        broken = e;
      });
      throw err;
    }
    const all = Array.isArray(answer) ? answer : [answer];
    return { value, results: all.slice(0, -1) };
  } finally {
    client.release(broken);
  }
}

/** A value as an SQL literal for a tail (pg's own escaping: E'' with doubled backslashes when needed). */
export function literal(value: string | number | null): string {
  if (value === null) return 'null';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return String(value);
  }
  return pg.escapeLiteral(value);
}
