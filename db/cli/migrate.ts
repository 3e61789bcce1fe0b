// npm run db:migrate – apply the committed migrations to DATABASE_URL or the embedded database. With
// DATABASE_OWNER_URL (production: two roles, docs/proof.md) the owner migrates and the DATABASE_URL's role
// gets its grants.
import { env } from '../../lib/env';
import { prepareSchema } from '../migrate';
import { openFromEnv } from './open';

const started = Date.now();
const handle = await openFromEnv();
try {
  await prepareSchema(handle, env().DATABASE_OWNER_URL);
  console.log(`migrations applied to ${handle.kind} in ${Date.now() - started} ms`);
} finally {
  await handle.close();
}
