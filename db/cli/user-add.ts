// npm run user:add -- USERNAME ROLE "Display Name" [STATION_CODE] – open an account from the command
// line (the first supervisor of a production install). The password is read from standard input
// (typed twice at a terminal, without echo; or piped: `printf '%s\n' "$PW" | npm run user:add -- …`).

import { createInterface } from 'node:readline';
import { eq } from 'drizzle-orm';
import { env } from '../../lib/env';
import { AppError } from '../../lib/errors';
import { createUser } from '../../lib/users/create-user';
import { ZCreateUser } from '../../lib/users/schemas';
import { fieldErrors } from '../../lib/validation';
import { prepareSchema } from '../migrate';
import { stations } from '../schema';
import { openFromEnv } from './open';

const [username, role, displayName, stationCode] = process.argv.slice(2);
if (!username || !role || !displayName) {
  console.error('usage: npm run user:add -- USERNAME ROLE "Display Name" [STATION_CODE]');
  console.error('       ROLE: call_taker, dispatcher, station, supervisor; the password comes from stdin');
  process.exit(2);
}

async function readPassword(): Promise<string> {
  const tty = process.stdin.isTTY;
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: tty });
  const muted = rl as unknown as { _writeToOutput?: (s: string) => void };
  const ask = (q: string) =>
    new Promise<string>((resolve) => {
      if (tty) {
        process.stdout.write(q);
        muted._writeToOutput = () => {};
      }
      rl.question('', (a) => resolve(a));
    });
  const first = await ask('password: ');
  if (tty) {
    process.stdout.write('\n');
    const again = await ask('again: ');
    process.stdout.write('\n');
    if (again !== first) {
      rl.close();
      console.error('the passwords differ');
      process.exit(2);
    }
  }
  rl.close();
  return first;
}

const password = await readPassword();
const handle = await openFromEnv().catch((err: unknown) => {
  // e.g. the embedded database is held by the running server: say so, without a stack trace.
  console.error(err instanceof Error ? err.message : String(err));
  return process.exit(2);
});
try {
  await prepareSchema(handle, env().DATABASE_OWNER_URL);
  let stationId: number | null = null;
  if (stationCode) {
    const [s] = await handle.db.select().from(stations).where(eq(stations.code, stationCode.toUpperCase()));
    if (!s) {
      console.error(`no station with code ${stationCode}`);
      process.exit(2);
    }
    stationId = s.id;
  }
  const parsed = ZCreateUser.safeParse({ username, role, displayName, stationId, password });
  if (!parsed.success) {
    for (const f of fieldErrors(parsed.error)) console.error(`${f.field}: ${f.message}`);
    process.exitCode = 2;
  } else {
    const user = await createUser(handle.db, null, parsed.data);
    console.log(`account ${user?.username} (${user?.role}) created, id ${user?.id}`);
  }
} catch (err) {
  if (err instanceof AppError) {
    console.error(
      `${err.message}${err.fields.length ? `: ${err.fields.map((f) => f.message).join('; ')}` : ''}`,
    );
    process.exitCode = 2;
  } else throw err;
} finally {
  await handle.close();
}
