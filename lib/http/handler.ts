import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Db, getDb, rowsOf } from '../../db/client';
import { idempotencyKeys } from '../../db/schema';
import { canTail, literal, tailTransaction } from '../../db/tail-commit';
import { authenticate } from '../auth/authenticate';
import { type Principal, principalKey } from '../auth/principal';
import { sha256 } from '../auth/secret-token';
import { env } from '../env';
import { AppError, isDatabaseUnavailable } from '../errors';
import { appendSql, deferAppends } from '../events/write-tx';
import { log } from '../log';
import { parseOrThrow, rejectNul } from '../validation';
import { originProblem } from './origin';

function rejectNulText(text: string): string {
  rejectNul(text, 'body');
  return text;
}

import { allowed, ROUTES, type RouteId, type RouteSpec } from './routes';

// One wrapper for every route handler: parse → authenticate → authorise → call lib → respond.
// Every failure becomes a JSON error naming the field; nothing raw reaches a client.

type Spec<R extends RouteId> = (typeof ROUTES)[R];
type BodyOf<S> = S extends { body: infer B extends z.ZodType }
  ? z.infer<B>
  : S extends { raw: true }
    ? RawBody
    : undefined;

/** For endpoints that take other formats than JSON (AML SMS text, form posts, a binary MSD). */
export interface RawBody {
  /** The body as UTF-8 text (a binary body's text is meaningless; read `bytes`). */
  text: string;
  /** The body exactly as sent. */
  bytes: Buffer;
  contentType: string;
}

/** Media types whose body is bytes, not text: a NUL byte in them is data. */
const BINARY_TYPES = /^(application\/octet-stream|application\/emergencycalldata\.ecall\.msd)\b/;

async function readRaw(req: Request, max?: number): Promise<RawBody> {
  const contentType = (req.headers.get('content-type') ?? '').toLowerCase();
  const bytes = await readBytes(req, max);
  const text = bytes.toString('utf8');
  return { text: BINARY_TYPES.test(contentType) ? text : rejectNulText(text), bytes, contentType };
}
type QueryOf<S> = S extends { query: infer Q extends z.ZodType } ? z.infer<Q> : undefined;
type PrincipalOf<S> = S extends { access: 'public' } ? Principal | null : Principal;

export interface HandlerContext<R extends RouteId> {
  req: Request;
  db: Db;
  principal: PrincipalOf<Spec<R>>;
  body: BodyOf<Spec<R>>;
  query: QueryOf<Spec<R>>;
  params: Record<string, string>;
}

export type HandlerResult = unknown | Response;

type NextRouteContext = { params: Promise<Record<string, string | string[]>> };

export function handle<R extends RouteId>(
  routeId: R,
  fn: (ctx: HandlerContext<R>) => Promise<HandlerResult>,
): (req: Request, ctx: NextRouteContext) => Promise<Response> {
  const spec: RouteSpec = ROUTES[routeId];
  return async (req, nextCtx) => {
    const started = Date.now();
    try {
      const db = getDb();
      const principal = await authenticate(db, {
        cookie: req.headers.get('cookie'),
        authorization: req.headers.get('authorization'),
      });
      if (spec.access !== 'public') {
        if (!principal) throw new AppError('unauthenticated', 'log in or send a valid API token');
        if (!allowed(spec.access, principal.role))
          throw new AppError('forbidden', `not permitted for role ${principal.role}`);
      }
      if (spec.method !== 'GET') checkOrigin(req, principal);
      const raw = (await nextCtx.params) ?? {};
      const params = Object.fromEntries(
        Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.join('/') : v]),
      );
      rejectNul(params, 'path');
      const query = spec.query
        ? parseOrThrow(spec.query, Object.fromEntries(new URL(req.url).searchParams), 'query')
        : undefined;
      const body = spec.body
        ? parseOrThrow(spec.body, await readJson(req), 'body')
        : spec.raw
          ? await readRaw(req, spec.largeBody ? env().IMPORT_MAX_BYTES : undefined)
          : await drainBody(req);
      const ctx = { req, db, principal, body, query, params } as HandlerContext<R>;

      const key = req.headers.get('idempotency-key');
      const response =
        spec.idempotent && key !== null && principal
          ? await withIdempotency(db, principal, spec, key, body, params, (tx) =>
              run(fn, { ...ctx, db: tx }, spec),
            )
          : await run(fn, ctx, spec);
      log().debug({ route: routeId, status: response.status, ms: Date.now() - started }, 'request');
      return response;
    } catch (err) {
      return errorResponse(err, routeId);
    }
  };
}

async function run<R extends RouteId>(
  fn: (ctx: HandlerContext<R>) => Promise<HandlerResult>,
  ctx: HandlerContext<R>,
  spec: RouteSpec,
): Promise<Response> {
  const result = await fn(ctx);
  return result instanceof Response ? result : json(result, spec.status ?? 200);
}

/** A JSON answer that keeps the type of its body, so the API document can describe it (docs:api). */
export interface JsonResponse<T> extends Response {
  readonly __json?: T;
}

export function json<T>(body: T, status = 200, headers: Record<string, string> = {}): JsonResponse<T> {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

export function errorResponse(err: unknown, routeId: string): Response {
  if (err instanceof AppError) {
    const retry = err.extra.retryAfter;
    return json(err.toJSON(), err.status, typeof retry === 'number' ? { 'retry-after': String(retry) } : {});
  }
  if (isDatabaseUnavailable(err)) {
    log().warn({ route: routeId, err }, 'database unavailable');
    return json(
      { error: { code: 'unavailable', message: 'database unavailable, retry shortly', fields: [] } },
      503,
      {
        'retry-after': '2',
      },
    );
  }
  log().error({ route: routeId, err }, 'unexpected error');
  return json({ error: { code: 'internal', message: 'internal error', fields: [] } }, 500);
}

// A state change carried by the session cookie must come from our own origin (CSRF); an API token is
// not sent by a browser on its own, so it needs no such check.
function checkOrigin(req: Request, principal: Principal | null): void {
  if (principal?.kind === 'token') return;
  const h = req.headers;
  const problem = originProblem(
    { origin: h.get('origin'), host: h.get('host'), forwardedHost: h.get('x-forwarded-host') },
    env().TRUST_PROXY,
  );
  if (problem) throw new AppError('forbidden', problem);
}

async function readText(req: Request): Promise<string> {
  return (await readBytes(req)).toString('utf8');
}

async function readBytes(req: Request, limit?: number): Promise<Buffer> {
  const max = limit ?? env().MAX_BODY_BYTES;
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > max)
    throw new AppError('payload_too_large', `body larger than ${max} bytes`, [
      { field: 'body', message: `at most ${max} bytes` },
    ]);
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      throw new AppError('payload_too_large', `body larger than ${max} bytes`, [
        { field: 'body', message: `at most ${max} bytes` },
      ]);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

async function drainBody(req: Request): Promise<undefined> {
  if (req.method !== 'GET' && req.method !== 'HEAD') await readText(req);
  return undefined;
}

async function readJson(req: Request): Promise<unknown> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type))
    throw new AppError('unsupported_media_type', 'send JSON with Content-Type: application/json', [
      { field: 'content-type', message: 'must be application/json' },
    ]);
  const text = await readText(req);
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('bad_request', 'malformed JSON', [{ field: 'body', message: 'not valid JSON' }]);
  }
}

// The stored answer is committed in the same transaction as the write it answers, so a retried
// request after a crash either finds the answer or finds nothing written.
async function withIdempotency(
  db: Db,
  principal: Principal,
  spec: RouteSpec,
  key: string,
  body: unknown,
  params: Record<string, string>,
  exec: (tx: Db) => Promise<Response>,
): Promise<Response> {
  if (key.length < 1 || key.length > 200 || !/^[\x21-\x7e]+$/.test(key))
    throw new AppError('validation_failed', 'bad Idempotency-Key', [
      { field: 'idempotency-key', message: '1–200 visible ASCII characters' },
    ]);
  const who = principalKey(principal);
  const route = `${spec.method} ${spec.path}`;
  const requestHash = sha256(JSON.stringify([route, params, body ?? null]));

  // Claims the key (on PostgreSQL the claim travels with the BEGIN, below), or answers with what the
  // first request with it answered.
  const claimSql = `insert into idempotency_keys (principal, key, route, request_hash, status, response)
    values (${literal(who)}, ${literal(key)}, ${literal(route)}, ${literal(requestHash)}, 0, '')
    on conflict do nothing returning key`;
  const claimOrReplay = async (tx: Db): Promise<Response | null> =>
    rowsOf(await tx.execute(sql.raw(claimSql))).length > 0 ? null : replayOf(tx);
  const replayOf = async (tx: Db): Promise<Response> => {
    const [prior] = await tx
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.principal, who), eq(idempotencyKeys.key, key)));
    if (!prior || prior.requestHash !== requestHash)
      throw new AppError('idempotency_mismatch', 'Idempotency-Key was used for a different request', [
        { field: 'idempotency-key', message: 'reused with a different request' },
      ]);
    return new Response(prior.response, {
      status: prior.status,
      headers: { 'content-type': 'application/json; charset=utf-8', 'idempotent-replayed': 'true' },
    });
  };
  // A failure is not remembered: the claim is rolled back so a corrected retry can run.
  const answered = async (tx: Db) => {
    const response = await exec(tx);
    if (response.status >= 400) throw new ReplayableFailure(response);
    return { response, text: await response.text() };
  };

  try {
    if (!canTail(db))
      return await db.transaction(async (txRaw) => {
        const tx = txRaw as unknown as Db;
        const replay = await claimOrReplay(tx);
        if (replay) return replay;
        const { response, text } = await answered(tx);
        await tx
          .update(idempotencyKeys)
          .set({ status: response.status, response: text })
          .where(and(eq(idempotencyKeys.principal, who), eq(idempotencyKeys.key, key)));
        return new Response(text, { status: response.status, headers: response.headers });
      });

    // On PostgreSQL the key's claim goes with the BEGIN, and the writes' events, the stored answer and the
    // COMMIT in one message (db/tail-commit.ts): the event-log lock is not held across a round trip to
    // this process, and the claim costs none of its own.
    const { value, results } = await tailTransaction(
      db,
      async (tx, [claimed]) => {
        const appends = deferAppends(tx);
        if ((claimed?.rowCount ?? 0) === 0) return { replay: await replayOf(tx) };
        return { replay: null, ...(await answered(tx)), appends };
      },
      (v) => {
        if (v.replay) return '';
        const { appends, response, text } = v;
        const numbering = appends.numbering;
        // A new incident's number is drawn by the append; the answer carries the provisional one.
        const stored = numbering
          ? `replace(${literal(text)}, ${literal(numbering.provisional)},
                     (select number from incidents where id = ${literal(numbering.incidentId)}))`
          : literal(text);
        return [
          ...(appends.records.length > 0 ? [appendSql(appends.records, numbering)] : []),
          `update idempotency_keys set status = ${literal(response.status)}, response = ${stored}
            where principal = ${literal(who)} and key = ${literal(key)}`,
        ].join(';\n');
      },
      claimSql,
    );
    if (value.replay) return value.replay;
    let text = value.text;
    const numbering = value.appends.numbering;
    if (numbering) {
      const created = (results[0]?.rows ?? []).find(
        (r: { type?: string; incident_id?: number }) =>
          r.type === 'incident.created' && r.incident_id === numbering.incidentId,
      ) as { payload?: { incident?: { number?: string } } } | undefined;
      const number = created?.payload?.incident?.number;
      if (number) text = text.replaceAll(numbering.provisional, number);
    }
    return new Response(text, { status: value.response.status, headers: value.response.headers });
  } catch (err) {
    if (err instanceof ReplayableFailure) return err.response;
    throw err;
  }
}

class ReplayableFailure extends Error {
  constructor(readonly response: Response) {
    super('handler failed');
  }
}
