// npm run import:addresses -- FILE – address points from a CSV into the gazetteer (docs/addresses.md)

import { readFileSync } from 'node:fs';
import { env } from '../../lib/env';
import { importAddresses } from '../../lib/geo/import-addresses';
import { prepareSchema } from '../migrate';
import { openFromEnv } from './open';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run import:addresses -- FILE.csv   (columns: docs/addresses.md)');
  process.exit(2);
}
const handle = await openFromEnv();
try {
  await prepareSchema(handle, env().DATABASE_OWNER_URL);
  const n = await importAddresses(handle.db, readFileSync(file, 'utf8'));
  console.log(`${n} address points imported from ${file}`);
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
} finally {
  await handle.close();
}
