import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client';
import { present } from '../errors';
import { alertEscalated } from '../events/build';
import { inWriteTx } from '../events/write-tx';
import { selectAlert } from './alert-dto';

// An alert not acknowledged within its agency's timeout is escalated, once. The state lives in the
// database (sent_at, the agency's ack_timeout_s, escalated_at), so escalation survives a restart and
// several nodes running this at once escalate each alert exactly once (the UPDATE … WHERE escalated_at
// IS NULL decides). `now` is a parameter so tests can move the clock.
export async function escalateOverdueAlerts(db: Db, now: Date = new Date()): Promise<number[]> {
  const { result } = await inWriteTx(db, null, async (w) => {
    const res = await w.tx.execute(sql`
      update alerts a set escalated_at = ${now.toISOString()}::timestamptz
      from units u, stations s, agencies ag
      where a.unit_id = u.id and u.station_id = s.id and s.agency_id = ag.id
        and a.acknowledged_at is null and a.escalated_at is null and a.cancelled_at is null
        and a.sent_at + make_interval(secs => ag.ack_timeout_s) <= ${now.toISOString()}::timestamptz
      returning a.id`);
    const rows = rowsOf<{ id: number }>(res);
    for (const r of rows) w.emit(alertEscalated(present(await selectAlert(w.tx, r.id), 'alert')));
    return rows.map((r) => r.id);
  });
  return result;
}
