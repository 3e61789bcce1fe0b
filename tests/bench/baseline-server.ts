// The baseline the benchmark compares with: the least a PostgreSQL-backed push can do. An HTTP POST
// inserts a row and NOTIFYs in one transaction; a LISTEN connection hears it and the raw `ws` server
// broadcasts it to every socket. No authentication, no authorisation, no JSON validation, no replay.
import { createServer } from 'node:http';
import pg from 'pg';
import { WebSocketServer } from 'ws';

const url = process.env.DATABASE_URL ?? '';
const port = Number(process.env.PORT ?? 3999);
const pool = new pg.Pool({ connectionString: url, max: 10 });
await pool.query(
  'create table if not exists bench_baseline (id bigserial primary key, payload jsonb not null)',
);
const listener = new pg.Client({ connectionString: url });
await listener.connect();
await listener.query('listen bench_baseline');

const wss = new WebSocketServer({ noServer: true });
listener.on('notification', (n) => {
  const frame = n.payload ?? '';
  for (const ws of wss.clients) ws.send(frame);
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
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws)),
);
server.listen(port, '127.0.0.1', () => console.log(`baseline listening on ${port}`));
