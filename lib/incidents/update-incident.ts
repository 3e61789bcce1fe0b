import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { assignments, incidents } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { AppError, notFound, present } from '../errors';
import { beforeOf, incidentUpdated } from '../events/build';
import { inWriteTx } from '../events/write-tx';
import { pointSql } from '../geo/sql';
import { applyUnitStatus } from '../units/change-unit-status';
import { authorOf, writeNote } from './add-incident-note';
import { assertIncidentType } from './create-incident';
import { type IncidentDto, selectIncident } from './incident-dto';
import { canChangeIncidentStatus } from './incident-status';
import type { IncidentChange, TUpdateIncident } from './schemas';

// Optimistic concurrency: the caller sends the version it read; a stale version is refused with 409
// and the current incident, so two operators never silently overwrite each other.
export async function updateIncident(
  db: Db,
  actor: Principal,
  id: number,
  input: TUpdateIncident,
): Promise<IncidentDto> {
  const { result } = await inWriteTx(db, actor, async (w) => {
    const [current] = await w.tx.select().from(incidents).where(eq(incidents.id, id)).for('update');
    if (!current) throw notFound('incident');
    if (current.version !== input.version) {
      throw new AppError('stale_version', `incident changed since version ${input.version}`, [], {
        currentVersion: current.version,
        current: await selectIncident(w.tx, id),
      });
    }
    if (input.type) await assertIncidentType(w.tx, input.type);
    const previous = present(await selectIncident(w.tx, id), 'incident');
    if (input.status && !canChangeIncidentStatus(current.status, input.status)) {
      throw new AppError(
        'invalid_transition',
        `incident cannot go from ${current.status} to ${input.status}`,
        [{ field: 'status', message: `not allowed from ${current.status}` }],
      );
    }
    if (input.status === 'closed' || input.status === 'cancelled') {
      const active = await w.tx
        .select({ unitId: assignments.unitId })
        .from(assignments)
        .where(and(eq(assignments.incidentId, id), isNull(assignments.releasedAt)));
      if (active.length > 0 && !input.closeReason)
        throw new AppError(
          'invalid_transition',
          'release the assigned units before closing, or state a reason',
          [
            { field: 'status', message: 'units still assigned' },
            { field: 'closeReason', message: 'required while units are assigned' },
          ],
        );
      // Closing with a stated reason releases the units still assigned; the reason goes to the timeline.
      for (const a of active) await applyUnitStatus(w, a.unitId, 'available');
      if (input.closeReason) await writeNote(w, id, input.closeReason, authorOf(actor), input.status);
    }
    await w.tx
      .update(incidents)
      .set({
        ...(input.type ? { type: input.type } : {}),
        ...(input.priority ? { priority: input.priority } : {}),
        ...(input.status ? { status: input.status } : {}),
        ...(input.status === 'closed' || input.status === 'cancelled'
          ? { closedAt: sql`now()`, closeRemark: input.closeReason ?? '' }
          : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.location
          ? {
              position: pointSql(input.location.lat, input.location.lon),
              locationAccuracyM: input.location.accuracyM ?? null,
              ...(input.location.address !== undefined ? { address: input.location.address } : {}),
            }
          : {}),
        ...(input.caller?.phone !== undefined ? { callerPhone: input.caller.phone } : {}),
        ...(input.caller?.name !== undefined ? { callerName: input.caller.name } : {}),
        ...(input.flagged !== undefined ? { flagged: input.flagged } : {}),
        updatedAt: sql`now()`,
        version: sql`${incidents.version} + 1`,
      })
      .where(eq(incidents.id, id));
    const dto = present(await selectIncident(w.tx, id), 'incident');
    const changes = changedFields(input);
    w.emit(incidentUpdated(dto, changes, beforeOf(previous, changes)));
    return dto;
  });
  return result;
}

const CHANGE_FIELDS = {
  type: true,
  priority: true,
  status: true,
  description: true,
  location: true,
  caller: true,
  flagged: true,
} satisfies Record<Exclude<IncidentChange, 'outcome' | 'mergedInto'>, true>;

/** The fields of a patch that the incident.updated event names (the version and reason are not fields). */
function changedFields(input: TUpdateIncident): IncidentChange[] {
  return (Object.keys(CHANGE_FIELDS) as (keyof typeof CHANGE_FIELDS)[]).filter((k) => input[k] !== undefined);
}
