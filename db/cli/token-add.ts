// npm run token:add -- NAME ROLE [STATION_CODE] – create an API token for an integration (shown once)
import { eq } from 'drizzle-orm';
import { createApiToken } from '../../lib/auth/manage-api-tokens';
import { ROLES, type Role, stations } from '../schema';
import { openFromEnv } from './open';

const [name, role, stationCode] = process.argv.slice(2);
if (!name || !role || !(ROLES as readonly string[]).includes(role)) {
  console.error(`usage: npm run token:add -- NAME ROLE [STATION_CODE]   (ROLE: ${ROLES.join(', ')})`);
  process.exit(2);
}
const handle = await openFromEnv();
try {
  let stationId: number | null = null;
  if (role === 'station') {
    const [s] = stationCode
      ? await handle.db.select().from(stations).where(eq(stations.code, stationCode))
      : [];
    if (!s) {
      console.error('a station token needs an existing STATION_CODE, e.g. GB-LJ');
      process.exit(2);
    }
    stationId = s.id;
  }
  const { id, token } = await createApiToken(handle.db, null, { name, role: role as Role, stationId });
  console.log(`token ${id} for ${name} (${role}); store it now, it is not shown again:\n${token}`);
} finally {
  await handle.close();
}
