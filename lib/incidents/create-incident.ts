import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { incidents, incidentTypes } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { centreAtSql } from '../centres/centre-at';
import { AppError, pgConstraint, pgErrorCode, present } from '../errors';
import { incidentCreated } from '../events/build';
import { inWriteTx } from '../events/write-tx';
import { pointSql } from '../geo/sql';
import { triageFor } from '../triage/record-triage';
import { authorOf, writeNote } from './add-incident-note';
import { type IncidentDto, incidentColumns, incidentFromRow, selectIncident } from './incident-dto';
import type { TCreateIncident } from './schemas';

export interface CreateIncidentExtras {
  /** Opened by a machine (eCall): flagged until a call-taker confirms it. */
  flagged?: boolean;
  /** Notes written with the incident, in the same transaction. */
  notes?: string[];
  /**
   * More writes that must commit with the incident or not at all (e.g. the EMSI message it came from).
   * The incident's number is provisional until the append: use its id.
   */
  alsoInTx?: (tx: Db, incident: IncidentDto) => Promise<void>;
}

export async function createIncident(
  db: Db,
  actor: Principal,
  input: TCreateIncident,
  extras: CreateIncidentExtras = {},
): Promise<IncidentDto> {
  const { result, events, deferred } = await knownType(
    inWriteTx(db, actor, async (w) => {
      // An unknown type is refused by the row's foreign key (see knownType), not by a read before it.
      const triage = input.triage ? await triageFor(w.tx, input.type, input.triage.answers) : null;
      const [row] = await w.tx
        .insert(incidents)
        .values({
          // Provisional and never seen outside this transaction: the number is drawn at the append.
          number: `~${randomUUID()}`,
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
          // The region containing the position decides the centre (lib/centres/centre-at.ts).
          centreId: centreAtSql(input.location.lat, input.location.lon),
        })
        // The DTO from the INSERT itself (one round trip fewer).
        .returning(incidentColumns);
      if (!row) throw new Error('incident insert returned nothing');
      const dto = incidentFromRow(row);
      w.emit(incidentCreated(dto));
      w.numberIncident(dto.id, dto.number);
      for (const text of extras.notes ?? []) await writeNote(w, dto.id, text, authorOf(actor));
      await extras.alsoInTx?.(w.tx, dto);
      return dto;
    }),
  );
  // Inside an idempotent request the append comes with its commit, which writes the number drawn into
  // the answer in place of the provisional one (lib/http/handler.ts).
  if (deferred) return result;
  // The number the append drew, as its incident.created event carries it.
  const created = events.find((e) => e.type === 'incident.created' && e.incidentId === result.id);
  const number = (created?.payload as { incident?: { number?: string } } | undefined)?.incident?.number;
  if (number && !number.startsWith('~')) return { ...result, number };
  return present(await selectIncident(db, result.id), 'incident');
}

/** A write refused by the incident's foreign key to its type answers like `assertIncidentType`. */
async function knownType<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (err) {
    if (pgErrorCode(err) === '23503' && pgConstraint(err) === 'incidents_type_incident_types_code_fk')
      throw unknownType();
    throw err;
  }
}

const unknownType = () =>
  new AppError('validation_failed', 'unknown incident type', [
    { field: 'type', message: 'unknown incident type; see GET /api/incident-types' },
  ]);

export async function assertIncidentType(tx: Db, code: string): Promise<void> {
  const [t] = await tx
    .select({ code: incidentTypes.code })
    .from(incidentTypes)
    .where(eq(incidentTypes.code, code));
  if (!t) throw unknownType();
}
