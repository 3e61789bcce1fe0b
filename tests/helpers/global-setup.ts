import { openDatabase } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { seedDemo } from '../../db/seed/seed';
import { TEST_DATABASE_URL } from './env';

// Vitest global setup: the test database gets the schema and the demo data once per run.
export default async function setup() {
  const handle = await openDatabase({ databaseUrl: TEST_DATABASE_URL, pgliteDir: '' });
  try {
    await migrateDatabase(handle);
    await seedDemo(handle.db);
  } finally {
    await handle.close();
  }
}
