import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, rowsOf } from '../../db/client';
import { locationNotes } from '../../db/schema';
import { LOCATION_NOTE_SEVERITIES } from '../../db/schema/enums';
import type { Principal } from '../auth/principal';
import { AppError, notFound, present } from '../errors';
import { locationNoteDeleted, locationNoteSaved } from '../events/build';
import { inWriteTx } from '../events/write-tx';
import { pointSql } from '../geo/sql';
import { ZId, ZVersion } from '../validation';
import { type LocationNoteDto, NOTE_COLUMNS, noteDto } from './nearest';

// Warnings tied to a place (hazardous storage, an access code, a dog that bites crews). Dispatchers and
// supervisors write them, every write is an event (the audit), and an author's note is deleted by its
// author or a supervisor; call-takers read them, stations only through an incident that concerns them.

const ZDate = z.iso.date().nullish();

export const ZLocationNote = z
  .object({
    id: ZId.optional(),
    /** The version read (an edit of a note changed meanwhile is refused). */
    version: ZVersion.optional(),
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
    radiusM: z.number().int().min(1).max(5000).default(50),
    address: z.string().trim().max(300).default(''),
    text: z.string().trim().min(1).max(2000),
    severity: z.enum(LOCATION_NOTE_SEVERITIES).default('warning'),
    validFrom: ZDate,
    validUntil: ZDate,
  })
  .refine((n) => !n.validFrom || !n.validUntil || n.validFrom <= n.validUntil, {
    path: ['validUntil'],
    message: 'not before validFrom',
  });

export const ZNotesQuery = z.object({
  lat: z.coerce.number().min(-90).max(90).optional(),
  lon: z.coerce.number().min(-180).max(180).optional(),
});

async function noteById(db: Db, id: number): Promise<LocationNoteDto | undefined> {
  const rows = rowsOf<LocationNoteDto>(
    await db.execute(sql`select ${NOTE_COLUMNS} from location_notes where id = ${id} and deleted_at is null`),
  );
  return rows[0] ? noteDto(rows[0]) : undefined;
}

/** Every note not deleted (the administration list), newest first. */
export async function listLocationNotes(db: Db): Promise<LocationNoteDto[]> {
  const rows = rowsOf<LocationNoteDto>(
    await db.execute(
      sql`select ${NOTE_COLUMNS} from location_notes where deleted_at is null order by updated_at desc limit 1000`,
    ),
  );
  return rows.map(noteDto);
}

export async function saveLocationNote(
  db: Db,
  actor: Principal,
  input: z.infer<typeof ZLocationNote>,
): Promise<LocationNoteDto> {
  const { result } = await inWriteTx(db, actor, async (w) => {
    const values = {
      position: pointSql(input.lat, input.lon) as unknown as string,
      radiusM: input.radiusM,
      address: input.address,
      text: input.text,
      severity: input.severity,
      validFrom: input.validFrom ?? null,
      validUntil: input.validUntil ?? null,
    };
    let before: LocationNoteDto | null = null;
    let id: number;
    if (input.id) {
      before = (await noteById(w.tx, input.id)) ?? null;
      if (!before) throw notFound('location note');
      if (input.version !== undefined && input.version !== before.version)
        throw new AppError('stale_version', 'the note was changed meanwhile', [
          { field: 'body.version', message: `now ${before.version}` },
        ]);
      await w.tx
        .update(locationNotes)
        .set({ ...values, updatedAt: new Date(), version: before.version + 1 })
        .where(eq(locationNotes.id, input.id));
      id = input.id;
    } else {
      const [row] = await w.tx
        .insert(locationNotes)
        .values({ ...values, authorId: actor.userId, authorName: actor.displayName })
        .returning({ id: locationNotes.id });
      id = present(row, 'location note').id;
    }
    const note = present(await noteById(w.tx, id), 'location note');
    w.emit(locationNoteSaved({ note, before }));
    return note;
  });
  return result;
}

export async function deleteLocationNote(db: Db, actor: Principal, id: number): Promise<LocationNoteDto> {
  const { result } = await inWriteTx(db, actor, async (w) => {
    const [row] = await w.tx
      .select({ authorId: locationNotes.authorId })
      .from(locationNotes)
      .where(and(eq(locationNotes.id, id), isNull(locationNotes.deletedAt)))
      .for('update');
    if (!row) throw notFound('location note');
    if (actor.role !== 'supervisor' && row.authorId !== actor.userId)
      throw new AppError('forbidden', "only the note's author or a supervisor deletes it");
    const note = present(await noteById(w.tx, id), 'location note');
    await w.tx.update(locationNotes).set({ deletedAt: new Date() }).where(eq(locationNotes.id, id));
    w.emit(locationNoteDeleted({ note }));
    return note;
  });
  return result;
}
