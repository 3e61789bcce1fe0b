import { and, asc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { incidentSubstances, incidents } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { notFound, present } from '../errors';
import { substanceAdded, substanceRemoved } from '../events/build';
import { inWriteTx } from '../events/write-tx';
import { authorOf, writeNote } from '../incidents/add-incident-note';
import { type DangerousGoodDto, substancesByUn } from './dangerous-goods';
import { type HazardId, readHazardId } from './hazard-id';

// Substances reported at an incident: the orange plate's numbers as read (or the papers' UN number),
// with what the table says of them. A number the table does not hold is still recorded — the crew
// needs the plate even when the centre's table is incomplete — and shown as not found.

export const ZAddSubstance = z.object({
  unNumber: z
    .string()
    .trim()
    .regex(/^(UN\s?)?[0-9]{4}$/i, 'a UN number, four digits')
    .transform((v) => v.replace(/\D/g, '')),
  hazardId: z
    .string()
    .trim()
    .toUpperCase()
    .refine((v) => v === '' || readHazardId(v).valid, 'a hazard identification number, e.g. 33, 268, X423')
    .optional(),
  note: z.string().trim().max(500).default(''),
});

export interface IncidentSubstanceDto {
  id: number;
  incidentId: number;
  unNumber: string;
  hazardId: string | null;
  hazard: HazardId | null;
  note: string;
  addedByName: string;
  createdAt: string;
  /** The table's entries for the UN number (empty: not in the centre's table). */
  substances: DangerousGoodDto[];
}

type Row = typeof incidentSubstances.$inferSelect;

async function toDtos(db: Db, rows: Row[]): Promise<IncidentSubstanceDto[]> {
  const goods = await substancesByUn(db, [...new Set(rows.map((r) => r.unNumber))]);
  return rows.map((r) => ({
    id: r.id,
    incidentId: r.incidentId,
    unNumber: r.unNumber,
    hazardId: r.hazardId,
    hazard: r.hazardId ? readHazardId(r.hazardId) : null,
    note: r.note,
    addedByName: r.addedByName,
    createdAt: r.createdAt.toISOString(),
    substances: goods.filter((g) => g.unNumber === r.unNumber),
  }));
}

export async function listIncidentSubstances(db: Db, incidentId: number): Promise<IncidentSubstanceDto[]> {
  const rows = await db
    .select()
    .from(incidentSubstances)
    .where(and(eq(incidentSubstances.incidentId, incidentId), isNull(incidentSubstances.removedAt)))
    .orderBy(asc(incidentSubstances.id));
  return toDtos(db, rows);
}

const label = (s: IncidentSubstanceDto) =>
  `${s.hazardId ? `${s.hazardId}/` : ''}${s.unNumber}${s.substances[0] ? ` ${s.substances[0].name.sl}` : ''}`;

export async function addIncidentSubstance(
  db: Db,
  actor: Principal,
  incidentId: number,
  input: z.infer<typeof ZAddSubstance>,
): Promise<IncidentSubstanceDto> {
  const { result } = await inWriteTx(db, actor, async (w) => {
    const [inc] = await w.tx.select({ id: incidents.id }).from(incidents).where(eq(incidents.id, incidentId));
    if (!inc) throw notFound('incident');
    const [row] = await w.tx
      .insert(incidentSubstances)
      .values({
        incidentId,
        unNumber: input.unNumber,
        hazardId: input.hazardId || null,
        note: input.note,
        addedBy: actor.userId,
        addedByName: actor.displayName,
      })
      .returning();
    const [dto] = await toDtos(w.tx, [present(row, 'substance')]);
    const substance = present(dto, 'substance');
    await writeNote(
      w,
      incidentId,
      `${label(substance)}${input.note ? ` – ${input.note}` : ''}`,
      authorOf(actor),
      'substance_added',
    );
    w.emit(substanceAdded(substance));
    return substance;
  });
  return result;
}

export async function removeIncidentSubstance(
  db: Db,
  actor: Principal,
  incidentId: number,
  substanceId: number,
): Promise<IncidentSubstanceDto> {
  const { result } = await inWriteTx(db, actor, async (w) => {
    const [row] = await w.tx
      .update(incidentSubstances)
      .set({ removedAt: new Date() })
      .where(
        and(
          eq(incidentSubstances.id, substanceId),
          eq(incidentSubstances.incidentId, incidentId),
          isNull(incidentSubstances.removedAt),
        ),
      )
      .returning();
    if (!row) throw notFound('substance');
    const [dto] = await toDtos(w.tx, [row]);
    const substance = present(dto, 'substance');
    await writeNote(w, incidentId, label(substance), authorOf(actor), 'substance_removed');
    w.emit(substanceRemoved(substance));
    return substance;
  });
  return result;
}
