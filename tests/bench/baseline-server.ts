// The baseline the benchmark compares with: the least a PostgreSQL-backed push can do. An HTTP POST
// inserts a row and NOTIFYs in one transaction; a LISTEN connection hears it and the raw `ws` server
// broadcasts it to every socket. No authentication, no authorisation, no JSON validation, no replay.
// BASELINE_GROUPS=N (the national load: 13) gives the sockets N groups in turn and sends each row only to
// its group (id mod N), the fan-out of a region's event, and to sockets opened with `?all` (a centre
// position that sees the whole country, such as the probe's).
import { createServer } from 'node:http';
import pg from 'pg';
import { type WebSocket, WebSocketServer } from 'ws';

const url = process.env.DATABASE_URL ?? '';
const port = Number(process.env.PORT ?? 3999);
const pool = new pg.Pool({ connectionString: url, max: 10 });
await pool.query(
  'create table if not exists bench_baseline (id bigserial primary key, payload jsonb not null)',
);
const listener = new pg.Client({ connectionString: url });
await listener.connect();
await listener.query('listen bench_baseline');

const groups = Math.max(1, Number(process.env.BASELINE_GROUPS ?? 1));
const wss = new WebSocketServer({ noServer: true });
const members: Set<WebSocket>[] = Array.from({ length: groups }, () => new Set());
const everything = new Set<WebSocket>();
let joined = 0;
wss.on('connection', (ws, req) => {
  const set = req.url?.includes('?all') ? everything : (members[joined++ % groups] as Set<WebSocket>);
  set.add(ws);
  ws.on('close', () => set.delete(ws));
});
listener.on('notification', (n) => {
  const frame = n.payload ?? '';
  const id = Number(/^\{"id":"?(\d+)/.exec(frame)?.[1] ?? 0);
  for (const ws of members[id % groups] as Set<WebSocket>) ws.send(frame);
  for (const ws of everything) ws.send(frame);
});

const server = createServer((req, res) => {
  if (req.method !== 'POST') {
    res.writeHead(200).end('ok');
    return;
  }
  let body = '';
  req.on('data', (d) => {
    body += d;
  });
  req.on('end', async () => {
    const client = await pool.connect();
    try {
      await client.query('begin');
      const r = await client.query('insert into bench_baseline (payload) values ($1) returning id', [body]);
      await client.query('select pg_notify($1, $2)', [
        'bench_baseline',
        JSON.stringify({ id: r.rows[0].id, body }),
      ]);
      await client.query('commit');
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: r.rows[0].id }));
    } catch (err) {
      await client.query('rollback').catch(() => {});
      res.writeHead(500).end(String(err));
    } finally {
      client.release();
    }
  });
});
server.on('upgrade', (req, socket, head) =>
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)),
);
server.listen(port, '127.0.0.1', () => console.log(`baseline listening on ${port}`));
