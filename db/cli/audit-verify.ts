// npm run audit:verify [-- --anchors FILE] [-- --anchor '{"seq":…,"hash":"…"}'] – walks the event log's hash
// chain (DATABASE_URL or the embedded database) and checks the anchors: those in the database, those in
// AUDIT_ANCHOR_FILE or --anchors FILE, and any given on the command line (from an anchor e-mail).
// Exit code 0: intact; 1: a broken link or an anchor that does not match; 2: could not check.
import { type Anchor, verifyChain } from '../../lib/audit/chain';
import { anchorsToCheck } from '../../lib/audit/chain-status';
import { openFromEnv } from './open';

function args(): { files: string[]; inline: Anchor[] } {
  const files: string[] = [];
  const inline: Anchor[] = [];
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1];
    if (a === '--anchors' && v) {
      files.push(v);
      i++;
    } else if (a === '--anchor' && v) {
      const parsed = JSON.parse(v) as { seq: number; hash: string; at?: string };
      inline.push({ seq: parsed.seq, hash: parsed.hash, at: parsed.at, source: 'command line' });
      i++;
    } else throw new Error(`unknown argument ${a} (use --anchors FILE or --anchor JSON)`);
  }
  return { files, inline };
}

let code = 2;
try {
  const { files, inline } = args();
  const handle = await openFromEnv();
  try {
    const gathered = await anchorsToCheck(handle.db, files.length ? files : undefined);
    const anchors = [...gathered.anchors, ...inline];
    const r = await verifyChain(handle.db, {
      anchors,
      onProgress: (n) => {
        if (n % 100_000 === 0) console.log(`… ${n} events`);
      },
    });
    const rate = r.ms > 0 ? Math.round((r.rows / r.ms) * 1000) : r.rows;
    console.log(`events checked: ${r.rows} in ${r.ms} ms (${rate}/s)`);
    console.log(`head: ${r.head ? `seq ${r.head.seq} hash ${r.head.hash}` : 'empty log'}`);
    console.log(
      `anchors checked: ${r.anchors.checked}${gathered.files.length ? ` (files: ${gathered.files.join(', ')})` : ''}`,
    );
    if (r.firstBreak)
      console.log(
        `BROKEN: first broken link at seq ${r.firstBreak.seq} (${r.firstBreak.reason}): ` +
          `expected ${r.firstBreak.expected}, found ${r.firstBreak.found ?? 'no hash'}; ${r.breaks} broken link(s) in all`,
      );
    for (const m of r.anchors.mismatches)
      console.log(
        `ANCHOR MISMATCH: ${m.source} anchored seq ${m.seq} as ${m.hash}${m.at ? ` at ${m.at}` : ''}; ` +
          `the log holds ${m.found ?? 'no such row'}`,
      );
    console.log(r.intact ? 'audit chain: intact' : 'audit chain: NOT intact');
    code = r.intact ? 0 : 1;
  } finally {
    await handle.close();
  }
} catch (err) {
  console.error(`audit:verify: ${err instanceof Error ? err.message : String(err)}`);
  code = 2;
}
process.exit(code);
