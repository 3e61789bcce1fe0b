// npm run bench:telephony – section 8 of the benchmark alone (the 112 call through Kamailio) on a fresh
// database; BENCH_LOAD_S sets the load's length (default 60 s).
import { printTable } from './figures';
import { freshBenchDatabase } from './fresh-db';
import { benchTelephony } from './telephony';

const { url, raw } = await freshBenchDatabase('cad112_bench_telephony');
await benchTelephony(url, raw, Number(process.env.BENCH_LOAD_S ?? 60));
await raw.end();
printTable();
process.exit(0);
