import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { agencies, handovers, incidents, stations } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { AppError, notFound, present } from '../errors';
import { handoverCreated } from '../events/build';
import { inWriteTx } from '../events/write-tx';
import { selectIncident } from '../incidents/incident-dto';
import { selectHandovers } from './handover-dto';

export const HANDOVER_AGENCIES = ['police', 'medical_dispatch', 'notification_centre'] as const;

// Hands an incident over to a service outside the centre. The service's account is a station of a
// hand-over agency; it gets the hand-over (with the incident) on its socket and acknowledges it.
export async function createHandover(
  db: Db,
  actor: Principal,
  incidentId: number,
  input: { service: string; reason: string },
) {
  const { result } = await inWriteTx(db, actor, async (w) => {
    const [inc] = await w.tx.select({ id: incidents.id }).from(incidents).where(eq(incidents.id, incidentId));
    if (!inc) throw notFound('incident');
    const [service] = await w.tx
      .select({ id: stations.id })
      .from(stations)
      .innerJoin(agencies, eq(agencies.id, stations.agencyId))
      .where(and(eq(stations.code, input.service), inArray(agencies.code, [...HANDOVER_AGENCIES])));
    if (!service)
      throw new AppError('validation_failed', 'unknown service', [
        {
          field: 'body.service',
          message:
            'the code of a hand-over service (GET /api/stations, agencies police, medical_dispatch, notification_centre)',
        },
      ]);
    const [row] = await w.tx
      .insert(handovers)
      .values({
        incidentId,
        stationId: service.id,
        reason: input.reason,
        createdBy: actor.userId,
        createdByName: actor.displayName,
      })
      .returning({ id: handovers.id });
    const [dto] = await selectHandovers(w.tx, eq(handovers.id, present(row, 'handover').id), 1);
    const handover = present(dto, 'handover');
    w.emit(handoverCreated(handover, present(await selectIncident(w.tx, incidentId), 'incident')));
    return handover;
  });
  return result;
}
