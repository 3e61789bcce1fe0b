// npm run db:migrate – apply the committed migrations to DATABASE_URL or the embedded database.
import { migrateDatabase } from '../migrate';
import { openFromEnv } from './open';

const started = Date.now();
const handle = await openFromEnv();
try {
  await migrateDatabase(handle);
  console.log(`migrations applied to ${handle.kind} in ${Date.now() - started} ms`);
} finally {
  await handle.close();
}
