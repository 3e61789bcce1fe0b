import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { incidentTypes } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { inWriteTx } from '../events/write-tx';
import type { TIncidentTypeDefinition } from '../triage/schemas';

// A supervisor edits a type's names, default priority, needs and protocol questions (or adds a type).
// The change is evented, so the audit trail shows who changed the protocol and what it was before.
export async function updateIncidentType(
  db: Db,
  actor: Principal,
  code: string,
  def: TIncidentTypeDefinition,
) {
  const { result } = await inWriteTx(db, actor, async (w) => {
    const [before] = await w.tx
      .select()
      .from(incidentTypes)
      .where(eq(incidentTypes.code, code))
      .for('update');
    const row = {
      nameSl: def.name.sl,
      nameEn: def.name.en,
      defaultPriority: def.defaultPriority,
      agencies: def.agencies,
      needs: def.needs,
      questions: def.questions,
      updatedAt: sql`now()`,
    };
    if (before) await w.tx.update(incidentTypes).set(row).where(eq(incidentTypes.code, code));
    else await w.tx.insert(incidentTypes).values({ code, ...row, sort: 1000 });
    const type = { code, ...def };
    w.emit({
      type: 'incident_type.updated',
      data: {
        type,
        before: before
          ? {
              name: { sl: before.nameSl, en: before.nameEn },
              defaultPriority: before.defaultPriority,
              needs: before.needs,
              questions: before.questions,
            }
          : null,
      },
    });
    return { ...type, created: !before };
  });
  return result;
}
