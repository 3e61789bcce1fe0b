import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

// The production database layout (docs/ha.md) on one machine: three PostgreSQL 15 servers managed by
// Patroni, three etcd members, HAProxy in front, pgBackRest for the WAL archive and backups — the Debian
// packages, configured from the templates in this folder. The failover test, the restore test and the
// bench start it; `npm run ha:local -- up|down|status` starts it for a person to try.
//
// Nothing here replaces a component: the test kills real postmasters, Patroni promotes, HAProxy moves.

const HERE = path.join(process.cwd(), 'deploy', 'ha');
export const STANZA = 'cad112';
export const HA_DATABASE = 'cad112';
const NODES = ['pg1', 'pg2', 'pg3'] as const;
export type NodeName = (typeof NODES)[number];

export interface Ports {
  primary: number;
  replicas: number;
  pg: Record<NodeName, number>;
  rest: Record<NodeName, number>;
  etcdClient: Record<NodeName, number>;
  etcdPeer: Record<NodeName, number>;
}

/** Fourteen consecutive ports from `base`. */
export function portsFrom(base: number): Ports {
  const per = (k: number) => ({ pg1: base + k, pg2: base + k + 1, pg3: base + k + 2 });
  return {
    primary: base,
    replicas: base + 1,
    pg: per(2),
    rest: per(5),
    etcdClient: per(8),
    etcdPeer: per(11),
  };
}

export interface Member {
  name: string;
  role: string;
  state: string;
  host: string;
  port: number;
  timeline?: number;
  lag?: number | string;
}

function render(template: string, values: Record<string, string>): string {
  const text = readFileSync(path.join(HERE, template), 'utf8');
  return text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const v = values[key];
    if (v === undefined) throw new Error(`${template}: no value for {{${key}}}`);
    return v;
  });
}

function pgBin(): string {
  const base = '/usr/lib/postgresql';
  for (const v of ['15', '16', '17'])
    if (existsSync(path.join(base, v, 'bin', 'postgres'))) return path.join(base, v, 'bin');
  throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql');
}

/** Root runs the cluster as the postgres user (PostgreSQL refuses root); anyone else as themselves. */
function serviceUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) =>
    Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  return { uid: id('-u'), gid: id('-g') };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface ClusterOptions {
  dir: string;
  basePort: number;
  /** Progress lines (the CLI prints them; the tests keep them quiet). */
  say?: (line: string) => void;
}

export class HaCluster {
  readonly ports: Ports;
  readonly dir: string;
  private readonly user = serviceUser();
  private readonly say: (line: string) => void;

  constructor(opts: ClusterOptions) {
    this.dir = opts.dir;
    this.ports = portsFrom(opts.basePort);
    this.say = opts.say ?? (() => {});
  }

  /** The address the application uses: HAProxy → the current primary. */
  url(user: string, db = HA_DATABASE): string {
    return `postgres://${user}@127.0.0.1:${this.ports.primary}/${db}`;
  }

  /** HAProxy → a standby at most 16 MB behind. */
  replicaUrl(user: string, db = HA_DATABASE): string {
    return `postgres://${user}@127.0.0.1:${this.ports.replicas}/${db}`;
  }

  nodeUrl(node: NodeName, user = 'postgres', db = HA_DATABASE): string {
    return `postgres://${user}@127.0.0.1:${this.ports.pg[node]}/${db}`;
  }

  dataDir(node: NodeName): string {
    return path.join(this.dir, node, 'data');
  }

  get backupConfig(): string {
    return path.join(this.dir, 'backup', 'pgbackrest.conf');
  }

  private mkdir(p: string): void {
    mkdirSync(p, { recursive: true, mode: 0o700 });
    if (this.user) chownSync(p, this.user.uid, this.user.gid);
  }

  private write(p: string, text: string, mode = 0o600): void {
    writeFileSync(p, text, { mode });
    if (this.user) chownSync(p, this.user.uid, this.user.gid);
  }

  /** Writes every configuration file from the templates. */
  configure(): void {
    rmSync(this.dir, { recursive: true, force: true });
    this.mkdir(this.dir);
    const p = this.ports;
    const etcdHosts = NODES.map((n) => `127.0.0.1:${p.etcdClient[n]}`).join(',');
    const initialCluster = NODES.map((n) => `e${n}=http://127.0.0.1:${p.etcdPeer[n]}`).join(',');
    const repo = path.join(this.dir, 'repo');
    this.mkdir(repo);
    for (const sub of ['log', 'lock', 'spool']) this.mkdir(path.join(this.dir, sub));
    const common = {
      log_path: path.join(this.dir, 'log'),
      lock_path: path.join(this.dir, 'lock'),
      spool_path: path.join(this.dir, 'spool'),
      repo: `repo1-path=${repo}`,
    };
    const pgSection = (i: number, n: NodeName) =>
      [
        `pg${i}-path=${this.dataDir(n)}`,
        `pg${i}-port=${p.pg[n]}`,
        `pg${i}-socket-path=${path.join(this.dir, n)}`,
        `pg${i}-user=postgres`,
      ].join('\n');
    for (const n of NODES) {
      const home = path.join(this.dir, n);
      this.mkdir(home);
      this.mkdir(path.join(this.dir, `e${n}`));
      const backrest = path.join(home, 'pgbackrest.conf');
      this.write(backrest, render('pgbackrest.conf', { ...common, pg: pgSection(1, n) }));
      this.write(
        path.join(home, 'patroni.yml'),
        render('patroni.yml', {
          name: n,
          restapi_listen: `127.0.0.1:${p.rest[n]}`,
          restapi_connect: `127.0.0.1:${p.rest[n]}`,
          etcd_hosts: etcdHosts,
          log_dir: home,
          pg_listen: `127.0.0.1:${p.pg[n]}`,
          pg_connect: `127.0.0.1:${p.pg[n]}`,
          data_dir: this.dataDir(n),
          bin_dir: pgBin(),
          pgpass: path.join(home, 'pgpass'),
          superuser_password: 'local-only',
          replication_password: 'local-only',
          socket_dir: home,
          pgbackrest_conf: backrest,
          cluster_net: '127.0.0.1/32',
          app_net: '127.0.0.1/32',
          // One machine, loopback only: trust. Production uses scram-sha-256 with the passwords above.
          auth_method: 'trust',
        }),
      );
      this.write(
        path.join(this.dir, `e${n}`, 'etcd.yml'),
        render('etcd.yml', {
          name: `e${n}`,
          data_dir: path.join(this.dir, `e${n}`, 'data'),
          client: `127.0.0.1:${p.etcdClient[n]}`,
          peer: `127.0.0.1:${p.etcdPeer[n]}`,
          initial_cluster: initialCluster,
        }),
      );
    }
    const backupDir = path.join(this.dir, 'backup');
    this.mkdir(backupDir);
    this.write(
      this.backupConfig,
      render('pgbackrest.conf', { ...common, pg: NODES.map((n, i) => pgSection(i + 1, n)).join('\n') }),
    );
    const server = (n: NodeName) =>
      `    server ${n} 127.0.0.1:${p.pg[n]} maxconn 500 check port ${p.rest[n]}`;
    this.write(
      path.join(this.dir, 'haproxy.cfg'),
      render('haproxy.cfg', {
        primary_bind: `127.0.0.1:${p.primary}`,
        replica_bind: `127.0.0.1:${p.replicas}`,
        primary_servers: NODES.map(server).join('\n'),
        replica_servers: NODES.map(server).join('\n'),
      }),
    );
  }

  private start(name: string, cmd: string, args: string[], env: Record<string, string> = {}): void {
    const log = path.join(this.dir, `${name}.log`);
    const out = openSync(log, 'a');
    const proc = spawn(cmd, args, {
      cwd: this.dir,
      env: { ...process.env, HOME: this.dir, ...env },
      stdio: ['ignore', out, out],
      detached: true,
      ...(this.user ?? {}),
    });
    proc.unref();
    writeFileSync(path.join(this.dir, `${name}.pid`), String(proc.pid));
  }

  /** Starts etcd, Patroni (which initialises and starts PostgreSQL) and HAProxy, and waits for health. */
  async up(timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    this.configure();
    this.say('etcd ×3');
    for (const n of NODES)
      this.start(`etcd-${n}`, 'etcd', ['--config-file', path.join(this.dir, `e${n}`, 'etcd.yml')]);
    await this.until(deadline, 'etcd healthy', async () => {
      for (const n of NODES) {
        const r = await fetch(`http://127.0.0.1:${this.ports.etcdClient[n]}/health`).catch(() => null);
        if (!r?.ok) return false;
      }
      return true;
    });
    this.say('patroni ×3 (PostgreSQL 15, one synchronous standby)');
    for (const n of NODES) this.startPatroni(n);
    this.say('haproxy');
    this.start('haproxy', 'haproxy', ['-db', '-f', path.join(this.dir, 'haproxy.cfg')]);
    await this.waitHealthy(deadline);
    this.say('pgbackrest stanza and first full backup');
    this.backrest(['stanza-create']);
    this.backrest(['check']);
  }

  startPatroni(n: NodeName): void {
    this.start(`patroni-${n}`, 'patroni', [path.join(this.dir, n, 'patroni.yml')]);
  }

  /** A leader, two replicas streaming, one of them synchronous, HAProxy answering on the primary port. */
  async waitHealthy(deadline = Date.now() + 120_000): Promise<Member[]> {
    let members: Member[] = [];
    await this.until(deadline, 'a leader with two streaming standbys, one synchronous', async () => {
      members = await this.members().catch(() => []);
      const leader = members.find((m) => m.role === 'leader' && m.state === 'running');
      const sync = members.filter((m) => m.role === 'sync_standby' && /running|streaming/.test(m.state));
      const replicas = members.filter((m) => m.role !== 'leader' && /running|streaming/.test(m.state));
      if (!leader || sync.length < 1 || replicas.length < 2) return false;
      return this.query(this.url('postgres', 'postgres'), 'select pg_is_in_recovery() as r')
        .then((rows) => rows[0]?.r === false)
        .catch(() => false);
    });
    return members;
  }

  async until(deadline: number, what: string, ok: () => Promise<boolean>): Promise<void> {
    for (;;) {
      if (await ok()) return;
      if (Date.now() > deadline)
        throw new Error(`HA cluster: timed out waiting for ${what}\n${this.logTail()}`);
      await sleep(250);
    }
  }

  /** Patroni's view of the cluster, from any member that answers. */
  async members(): Promise<Member[]> {
    let last: unknown;
    for (const n of NODES) {
      try {
        const r = await fetch(`http://127.0.0.1:${this.ports.rest[n]}/cluster`, {
          signal: AbortSignal.timeout(1000),
        });
        if (r.ok) return ((await r.json()) as { members: Member[] }).members;
      } catch (err) {
        last = err;
      }
    }
    throw new Error(`no Patroni REST API answered: ${String(last)}`);
  }

  async leader(): Promise<NodeName | null> {
    const m = (await this.members().catch(() => [])).find(
      (x) => x.role === 'leader' && x.state === 'running',
    );
    return (m?.name as NodeName | undefined) ?? null;
  }

  /** SIGKILL to the node's postmaster (only PostgreSQL; Patroni lives on and must notice). */
  killPostmaster(n: NodeName): number {
    const pidFile = path.join(this.dataDir(n), 'postmaster.pid');
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no postmaster pid in ${pidFile}`);
    process.kill(pid, 'SIGKILL');
    return pid;
  }

  /** Changes Patroni's dynamic configuration (as `patronictl edit-config` does). */
  async patchConfig(change: Record<string, unknown>): Promise<void> {
    const n = (await this.leader()) ?? 'pg1';
    const r = await fetch(`http://127.0.0.1:${this.ports.rest[n]}/config`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(change),
    });
    if (!r.ok) throw new Error(`PATCH /config: ${r.status} ${await r.text()}`);
  }

  async query<T = Record<string, unknown>>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    await c.connect();
    try {
      return (await c.query(text, values)).rows as T[];
    } finally {
      await c.end().catch(() => {});
    }
  }

  /**
   * The application's database on the cluster, as tests/prepare.sh makes it on a single server: the owner
   * and the server's role, a database owned by the owner, the extensions created by the superuser.
   */
  async createAppDatabase(): Promise<void> {
    const admin = this.url('postgres', 'postgres');
    await this.query(
      admin,
      `DO $$ BEGIN
         IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cad112_owner') THEN
           CREATE ROLE cad112_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE; END IF;
         IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cad112_app') THEN
           CREATE ROLE cad112_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE; END IF;
       END $$`,
    );
    await this.query(admin, `CREATE DATABASE ${HA_DATABASE} OWNER cad112_owner`);
    await this.query(this.url('postgres'), 'CREATE EXTENSION IF NOT EXISTS postgis');
    await this.query(this.url('postgres'), 'CREATE EXTENSION IF NOT EXISTS pg_trgm');
  }

  /** Runs pgBackRest as the service user against the repository (backup machine's configuration). */
  backrest(args: string[], config = this.backupConfig): string {
    const r = spawnSync('pgbackrest', [`--config=${config}`, `--stanza=${STANZA}`, ...args], {
      encoding: 'utf8',
      cwd: this.dir,
      env: { ...process.env, HOME: this.dir },
      ...(this.user ?? {}),
    });
    if (r.status !== 0)
      throw new Error(`pgbackrest ${args.join(' ')}: ${r.status}\n${r.stdout}\n${r.stderr}`);
    return r.stdout;
  }

  /**
   * Restores the repository into a new data folder, to a moment (recovery_target_time), following the
   * timelines of any failovers since the backup, and starts it as a stand-alone server on `port`.
   */
  restoreTo(target: string, port: number): RestoredServer {
    const home = path.join(this.dir, `restore-${port}`);
    rmSync(home, { recursive: true, force: true });
    this.mkdir(home);
    const data = path.join(home, 'data');
    const config = path.join(home, 'pgbackrest.conf');
    this.write(
      config,
      render('pgbackrest.conf', {
        log_path: path.join(this.dir, 'log'),
        lock_path: path.join(home),
        spool_path: path.join(this.dir, 'spool'),
        repo: `repo1-path=${path.join(this.dir, 'repo')}`,
        pg: `pg1-path=${data}\npg1-port=${port}\npg1-socket-path=${home}`,
      }),
    );
    this.backrest(
      ['--type=time', `--target=${target}`, '--target-action=promote', '--target-timeline=latest', 'restore'],
      config,
    );
    // The restored copy carries Patroni's settings; this server is neither archived nor replicated.
    const opts = [
      `-p ${port}`,
      '-c listen_addresses=127.0.0.1',
      `-c unix_socket_directories=${home}`,
      '-c archive_mode=off',
      "-c synchronous_standby_names=''",
      `-c hba_file=${path.join(data, 'pg_hba.conf')}`,
      `-c config_file=${path.join(data, 'postgresql.conf')}`,
    ].join(' ');
    const ctl = (args: string[]) => {
      const r = spawnSync(path.join(pgBin(), 'pg_ctl'), ['-D', data, ...args], {
        encoding: 'utf8',
        ...(this.user ?? {}),
      });
      if (r.status !== 0) throw new Error(`pg_ctl ${args.join(' ')}: ${r.stdout}${r.stderr}`);
    };
    ctl(['-w', '-t', '120', '-o', opts, '-l', path.join(home, 'log'), 'start']);
    return {
      url: (user = 'postgres', db = HA_DATABASE) => `postgres://${user}@127.0.0.1:${port}/${db}`,
      log: () => (existsSync(path.join(home, 'log')) ? readFileSync(path.join(home, 'log'), 'utf8') : ''),
      stop: () => ctl(['-m', 'fast', '-w', 'stop']),
    };
  }

  logTail(lines = 30): string {
    const out: string[] = [];
    const files = [...NODES.map((n) => path.join(n, 'patroni.log')), 'haproxy.log'];
    for (const name of files) {
      const f = path.join(this.dir, name);
      if (existsSync(f))
        out.push(`--- ${name}`, ...readFileSync(f, 'utf8').trimEnd().split('\n').slice(-lines));
    }
    return out.join('\n');
  }

  /** Stops everything this cluster started (also one started by another process, by its pid files). */
  async down(): Promise<void> {
    const pidOf = (name: string) => {
      const f = path.join(this.dir, `${name}.pid`);
      return existsSync(f) ? Number(readFileSync(f, 'utf8')) : null;
    };
    const signal = (name: string, sig: NodeJS.Signals) => {
      const pid = pidOf(name);
      if (pid)
        try {
          process.kill(pid, sig);
          return true;
        } catch {}
      return false;
    };
    const patronis = NODES.map((n) => `patroni-${n}`);
    for (const n of patronis) signal(n, 'SIGTERM');
    for (let i = 0; i < 60 && patronis.some((n) => signal(n, 0 as unknown as NodeJS.Signals)); i++)
      await sleep(250);
    for (const n of patronis) signal(n, 'SIGKILL');
    // A postmaster Patroni could not stop (or one left by a killed Patroni).
    for (const n of NODES) {
      const f = path.join(this.dataDir(n), 'postmaster.pid');
      if (!existsSync(f)) continue;
      const pid = Number(readFileSync(f, 'utf8').split('\n')[0]);
      try {
        process.kill(pid, 'SIGQUIT');
      } catch {}
    }
    for (const n of ['haproxy', ...NODES.map((x) => `etcd-${x}`)]) signal(n, 'SIGTERM');
    await sleep(300);
    for (const n of ['haproxy', ...NODES.map((x) => `etcd-${x}`)]) signal(n, 'SIGKILL');
  }
}

export interface RestoredServer {
  url(user?: string, db?: string): string;
  log(): string;
  stop(): void;
}
