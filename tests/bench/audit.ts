import type pg from 'pg';
import type { Db } from '../../db/client';
import { verifyChain } from '../../lib/audit/chain';
import { domainImported } from '../../lib/events/build';
import { inWriteTx } from '../../lib/events/write-tx';
import { notes, record, single } from './figures';

// 10. The event log's hash chain (issue 18): what verifying the whole log takes, and what chaining
//     costs an append — the same single-event writes with the chain trigger and, in the same run,
//     without it (the bench's superuser switches it off; the bench database is thrown away after).

async function appends(db: Db, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await inWriteTx(db, null, async (w) => {
      w.emit(
        domainImported({ dataset: 'bench', format: 'csv', inserted: i, updated: 0, flagged: 0, rejected: 0 }),
      );
    });
    out.push(performance.now() - t0);
  }
  return out;
}

export async function benchAudit(raw: pg.Client, db: Db): Promise<void> {
  console.log('audit chain');
  const r = await verifyChain(db);
  if (!r.intact) throw new Error(`the bench's own log does not verify: ${JSON.stringify(r.firstBreak)}`);
  single(`audit chain: verify the whole log (${r.rows.toLocaleString('en')} events), ms`, r.ms);
  notes.push(`audit:verify walked ${Math.round((r.rows / r.ms) * 1000).toLocaleString('en')} events/s`);

  await appends(db, 100); // warm-up
  record('append one event, chained (inWriteTx, commit)', await appends(db, 1000));
  await raw.query('alter table events disable trigger events_chain');
  await raw.query('alter table events alter column hash drop not null');
  try {
    record('append one event, chain trigger off (same run)', await appends(db, 1000));
  } finally {
    await raw.query('alter table events enable trigger events_chain');
  }
}
