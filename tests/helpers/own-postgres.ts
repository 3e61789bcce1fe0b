import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './server';

// A PostgreSQL cluster of the test's own (initdb in a temporary folder, its own port), so a test can
// stop and restart the database under load without touching the machine's shared server. Uses the
// installed server binaries (and their PostGIS); as root the cluster runs as the postgres user.

function binDir(): string {
  const base = '/usr/lib/postgresql';
  const major = readdirSync(base)
    .filter((d) => /^\d+$/.test(d))
    .sort((a, b) => Number(b) - Number(a))[0];
  if (!major) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql');
  return path.join(base, major, 'bin');
}

function run(cmd: string, args: string[]): string {
  const asRoot = process.getuid?.() === 0;
  const argv = asRoot ? ['-u', 'postgres', '--', cmd, ...args] : args;
  const exe = asRoot ? 'runuser' : cmd;
  const r = spawnSync(exe, argv, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr || r.stdout}`);
  return r.stdout;
}

export interface OwnPostgres {
  port: number;
  url(db: string): string;
  stop(mode?: 'fast' | 'immediate'): void;
  start(): void;
  destroy(): void;
}

export async function ownPostgres(): Promise<OwnPostgres> {
  const bin = binDir();
  const dir = mkdtempSync(path.join(tmpdir(), 'cad112-pg-'));
  chmodSync(dir, 0o777);
  const data = path.join(dir, 'data');
  const port = await freePort();
  run(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync']);
  const ctl = (args: string[]) => run(path.join(bin, 'pg_ctl'), ['-D', data, '-w', '-t', '30', ...args]);
  const opts = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c max_connections=200`;
  const start = () => {
    ctl(['-o', opts, '-l', path.join(dir, 'log'), 'start']);
  };
  start();
  return {
    port,
    url: (db) => `postgres://postgres@127.0.0.1:${port}/${db}`,
    start,
    stop: (mode = 'fast') => {
      if (existsSync(path.join(data, 'postmaster.pid'))) ctl(['-m', mode, 'stop']);
    },
    destroy() {
      try {
        if (existsSync(path.join(data, 'postmaster.pid'))) ctl(['-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** createdb on the cluster. */
export function createDatabase(pg: OwnPostgres, name: string): void {
  execFileSync('psql', [
    '-h',
    '127.0.0.1',
    '-p',
    String(pg.port),
    '-U',
    'postgres',
    '-d',
    'postgres',
    '-qc',
    `CREATE DATABASE ${name}`,
  ]);
}
