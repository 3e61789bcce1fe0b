// npm run audit:anchor – writes the event log's chain head to AUDIT_ANCHOR_FILE / AUDIT_ANCHOR_EMAIL now
// (e.g. from cron on a machine that keeps the file, or before a backup).
import { writeAnchor } from '../../lib/audit/anchor';
import { openFromEnv } from './open';

const handle = await openFromEnv();
try {
  const a = await writeAnchor(handle.db, null);
  console.log(`anchored seq ${a.seq} hash ${a.hash}`);
  for (const d of a.destinations)
    console.log(`  ${d.kind} ${d.target}: ${d.ok ? 'written' : `FAILED ${d.error}`}`);
  process.exitCode = a.destinations.every((d) => d.ok) ? 0 : 1;
} catch (err) {
  console.error(`audit:anchor: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 2;
} finally {
  await handle.close();
}
