import { openDatabase } from '../../db/client';
import { prepareSchema } from '../../db/migrate';
import { seedDemo } from '../../db/seed/seed';

/**
 * Schema and demo data for a test database (Vitest's and Playwright's global setups): the owner
 * migrates and grants, the application's role seeds, as in production.
 */
export async function prepareDatabase(url: string, ownerUrl: string): Promise<void> {
  const handle = await openDatabase({ databaseUrl: url, pgliteDir: '' });
  try {
    await prepareSchema(handle, ownerUrl);
    await seedDemo(handle.db);
  } finally {
    await handle.close();
  }
}
