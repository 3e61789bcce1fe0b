import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { apiTokens, ROLES, stations, users } from '../../db/schema';
import { staffCentreId } from '../centres/staff';
import { notFound } from '../errors';
import { apiTokenCreated, apiTokenRevoked } from '../events/build';
import { inWriteTx } from '../events/write-tx';
import { assertStationExists } from '../stations/assert-station';
import { stationRule } from '../users/schemas';
import { ZId } from '../validation';
import { SESSION_ENDED_CHANNEL } from './logout';
import type { Principal } from './principal';
import { newSecretToken, sha256 } from './secret-token';

export const ZCreateApiToken = z
  .object({
    name: z.string().trim().min(2).max(80),
    role: z.enum(ROLES),
    stationId: ZId.nullable().optional(),
    centreId: ZId.nullable().optional(),
  })
  .superRefine(stationRule);
export type TCreateApiToken = z.infer<typeof ZCreateApiToken>;
export type ApiTokenDto = Awaited<ReturnType<typeof selectTokens>>[number];

// Integration credentials (alerting systems, vehicle terminals, gateways). The secret is returned once
// and stored only as a hash; the event records who issued it, never the secret.
export async function createApiToken(db: Db, actor: Principal | null, input: TCreateApiToken) {
  const token = newSecretToken('cad_');
  const { result } = await inWriteTx(db, actor, async (w) => {
    if (input.stationId) await assertStationExists(w.tx, input.stationId);
    const centreId = await staffCentreId(w.tx, input.role, input.centreId, { actor, field: 'body.centreId' });
    const [row] = await w.tx
      .insert(apiTokens)
      .values({
        name: input.name,
        role: input.role,
        stationId: input.stationId ?? null,
        centreId,
        tokenHash: sha256(token),
        createdBy: actor?.userId ?? null,
      })
      .returning({ id: apiTokens.id });
    if (!row) throw new Error('token insert returned nothing');
    const dto = await selectToken(w.tx, row.id);
    w.emit(apiTokenCreated(dto));
    return { ...dto, id: row.id, token };
  });
  return result;
}

/** Revoked at once: the holder's requests fail from now on and its sockets close at commit. */
export async function revokeApiToken(db: Db, actor: Principal, id: number) {
  const { result } = await inWriteTx(db, actor, async (w) => {
    const [row] = await w.tx
      .update(apiTokens)
      .set({ revokedAt: sql`coalesce(${apiTokens.revokedAt}, now())` })
      .where(eq(apiTokens.id, id))
      .returning({ hash: apiTokens.tokenHash, stationId: apiTokens.stationId });
    if (!row) throw notFound('token');
    await w.tx.execute(sql`select pg_notify(${SESSION_ENDED_CHANNEL}, ${row.hash})`);
    const dto = await selectToken(w.tx, id);
    w.emit(apiTokenRevoked(dto));
    return dto;
  });
  return result;
}

export async function listApiTokens(db: Db, opts: { active?: boolean } = {}) {
  return selectTokens(db, opts.active ? isNull(apiTokens.revokedAt) : undefined);
}

async function selectToken(db: Db, id: number) {
  const [t] = await selectTokens(db, eq(apiTokens.id, id));
  if (!t) throw notFound('token');
  return t;
}

async function selectTokens(db: Db, where: ReturnType<typeof eq> | undefined) {
  const rows = await db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      role: apiTokens.role,
      stationId: apiTokens.stationId,
      stationName: stations.name,
      createdBy: users.username,
      createdAt: apiTokens.createdAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .leftJoin(stations, eq(stations.id, apiTokens.stationId))
    .leftJoin(users, eq(users.id, apiTokens.createdBy))
    .where(and(where))
    .orderBy(desc(apiTokens.id));
  return rows.map((r) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    revokedAt: r.revokedAt ? r.revokedAt.toISOString() : null,
  }));
}
