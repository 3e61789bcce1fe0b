import { openDatabase } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { seedDemo } from '../../db/seed/seed';

/** Schema and demo data for a test database (Vitest's and Playwright's global setups). */
export async function prepareDatabase(url: string): Promise<void> {
  const handle = await openDatabase({ databaseUrl: url, pgliteDir: '' });
  try {
    await migrateDatabase(handle);
    await seedDemo(handle.db);
  } finally {
    await handle.close();
  }
}
