// npm run db:seed – idempotent demo data (Slovenian stations, units, incidents, demo accounts)
import { migrateDatabase } from '../migrate';
import { seedDemo } from '../seed/seed';
import { openFromEnv } from './open';

const started = Date.now();
const handle = await openFromEnv();
try {
  await migrateDatabase(handle);
  const summary = await seedDemo(handle.db);
  console.log(`demo data seeded into ${handle.kind} in ${Date.now() - started} ms:`, summary);
} finally {
  await handle.close();
}
