import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { incidentNotes, incidents, incidentTypes } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { AppError } from '../errors';
import { inWriteTx } from '../events/write-tx';
import { pointSql } from '../geo/sql';
import { triageFor } from '../triage/record-triage';
import { type IncidentDto, selectIncident } from './incident-dto';
import { nextIncidentNumber } from './next-incident-number';
import type { TCreateIncident } from './schemas';

export interface CreateIncidentExtras {
  /** Opened by a machine (eCall): flagged until a call-taker confirms it. */
  flagged?: boolean;
  /** Notes written with the incident, in the same transaction. */
  notes?: string[];
  /** More writes that must commit with the incident or not at all (e.g. the EMSI message it came from). */
  alsoInTx?: (tx: Db, incident: IncidentDto) => Promise<void>;
}

export async function createIncident(
  db: Db,
  actor: Principal,
  input: TCreateIncident,
  extras: CreateIncidentExtras = {},
): Promise<IncidentDto> {
  const { result } = await inWriteTx(db, actor, async (w) => {
    await assertIncidentType(w.tx, input.type);
    const triage = input.triage ? await triageFor(w.tx, input.type, input.triage.answers) : null;
    const number = await nextIncidentNumber(w.tx);
    const [row] = await w.tx
      .insert(incidents)
      .values({
        number,
        type: input.type,
        priority: input.priority,
        position: pointSql(input.location.lat, input.location.lon),
        locationAccuracyM: input.location.accuracyM ?? null,
        address: input.location.address ?? '',
        callerPhone: input.caller?.phone ?? '',
        callerName: input.caller?.name ?? '',
        channel: input.channel ?? 'phone',
        description: input.description ?? '',
        flagged: extras.flagged ?? false,
        triage,
        callStartedAt: input.callStartedAt ? new Date(input.callStartedAt) : null,
        createdBy: actor.userId,
      })
      .returning({ id: incidents.id });
    if (!row) throw new Error('incident insert returned nothing');
    const dto = await selectIncident(w.tx, row.id);
    if (!dto) throw new Error('incident vanished inside its own transaction');
    w.emit({ type: 'incident.created', incidentId: dto.id, data: { incident: dto } });
    for (const text of extras.notes ?? []) {
      const [note] = await w.tx
        .insert(incidentNotes)
        .values({ incidentId: dto.id, text, authorId: actor.userId, authorName: actor.displayName })
        .returning();
      if (note)
        w.emit({
          type: 'incident.note_added',
          incidentId: dto.id,
          data: {
            note: {
              id: note.id,
              incidentId: dto.id,
              text,
              author: note.authorName,
              createdAt: note.createdAt.toISOString(),
            },
          },
        });
    }
    await extras.alsoInTx?.(w.tx, dto);
    return dto;
  });
  return result;
}

export async function assertIncidentType(tx: Db, code: string): Promise<void> {
  const [t] = await tx
    .select({ code: incidentTypes.code })
    .from(incidentTypes)
    .where(eq(incidentTypes.code, code));
  if (!t)
    throw new AppError('validation_failed', 'unknown incident type', [
      { field: 'type', message: 'unknown incident type; see GET /api/incident-types' },
    ]);
}
