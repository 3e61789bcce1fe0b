import { openDatabase } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { seedDemo } from '../../db/seed/seed';

// The e2e database gets the schema and demo data before the server starts.
export default async function globalSetup() {
  const url = process.env.E2E_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/cad112_e2e';
  const handle = await openDatabase({ databaseUrl: url, pgliteDir: '' });
  try {
    await migrateDatabase(handle);
    await seedDemo(handle.db);
  } finally {
    await handle.close();
  }
}
