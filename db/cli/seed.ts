// npm run db:seed – idempotent demo data (Slovenian stations, units, incidents, demo accounts)
import { env } from '../../lib/env';
import { prepareSchema } from '../migrate';
import { seedDemo } from '../seed/seed';
import { openFromEnv } from './open';

const started = Date.now();
const handle = await openFromEnv();
try {
  await prepareSchema(handle, env().DATABASE_OWNER_URL);
  const summary = await seedDemo(handle.db);
  console.log(`demo data seeded into ${handle.kind} in ${Date.now() - started} ms:`, summary);
} finally {
  await handle.close();
}
