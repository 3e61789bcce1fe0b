import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { incidentTypes } from '../../db/schema';
import type { Principal } from '../auth/principal';
import { incidentTypeUpdated } from '../events/build';
import { inWriteTx } from '../events/write-tx';
import type { TIncidentTypeDefinition } from '../triage/schemas';

export type IncidentTypeDto = TIncidentTypeDefinition & { code: string };

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
    const type: IncidentTypeDto = { code, ...def };
    w.emit(
      incidentTypeUpdated({
        type,
        before: before
          ? {
              name: { sl: before.nameSl, en: before.nameEn },
              defaultPriority: before.defaultPriority,
              needs: before.needs as TIncidentTypeDefinition['needs'],
              questions: before.questions as TIncidentTypeDefinition['questions'],
            }
          : null,
      }),
    );
    return { ...type, created: !before };
  });
  return result;
}
