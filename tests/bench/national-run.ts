// npm run bench:national – section 12 of the benchmark alone (the national load), on a fresh database.
// NATIONAL_S sets the load's length (default 300 s, the five minutes).
import { printTable } from './figures';
import { freshBenchDatabase } from './fresh-db';
import { benchNational } from './national';

// Ctrl-C or a kill ends the run through process.exit, so the helpers' exit hooks stop its servers.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

const { url, raw } = await freshBenchDatabase('cad112_bench_national');
await benchNational(url, raw, Number(process.env.NATIONAL_S ?? 300));
await raw.end();
printTable();
process.exit(0);
