// One process of the national load generator (tests/bench/national.ts): opens its share of the
// sockets with the lean `ws` client (no parsing: a frame is counted, not read), subscribes them, and
// posts its share of the incidents. Reports to the parent over IPC every second and at the end.
import WebSocket from 'ws';

interface Job {
  url: string;
  /** Cookies (or '' for the baseline's open sockets), one per socket, round robin. */
  cookies: string[];
  sockets: number;
  /** Incidents per second this process posts (HTTP POST through the same address). */
  perSecond: number;
  seconds: number;
  /** The body of each POST and its path. */
  postPath: string;
  postBodies: unknown[];
  postCookie: string;
  subscribe: boolean;
}

const job = await new Promise<Job>((resolve) => process.once('message', (m) => resolve(m as Job)));
const wsUrl = `${job.url.replace(/^http/, 'ws')}/ws`;
const stats = {
  open: 0,
  frames: 0,
  bytes: 0,
  dropped: 0,
  posted: 0,
  postErrors: 0,
  statuses: {} as Record<string, number>,
};
const sockets: WebSocket[] = [];
let closing = false;

function open(cookie: string): Promise<void> {
  return new Promise((resolve) => {
    const ws = new WebSocket(wsUrl, { headers: cookie ? { cookie } : {}, perMessageDeflate: false });
    ws.once('open', () => {
      stats.open++;
      if (job.subscribe) ws.send('{"type":"subscribe","since":null}');
      resolve();
    });
    ws.on('message', (d: Buffer) => {
      stats.frames++;
      stats.bytes += d.length;
    });
    ws.once('close', () => {
      stats.open--;
      if (!closing) stats.dropped++;
    });
    ws.once('error', () => resolve());
    sockets.push(ws);
  });
}

// Open in small batches: a burst of 1,000 upgrades at once would measure the accept queue, not the app.
for (let i = 0; i < job.sockets; i += 50) {
  const batch: Promise<void>[] = [];
  for (let k = i; k < Math.min(job.sockets, i + 50); k++)
    batch.push(open(job.cookies[k % job.cookies.length] ?? ''));
  await Promise.all(batch);
}
process.send?.({ kind: 'ready', open: stats.open });
await new Promise<void>((resolve) => process.once('message', () => resolve()));

const tell = (m: unknown) => {
  if (process.connected) process.send?.(m);
};
const report = setInterval(() => tell({ kind: 'tick', ...stats }), 1000);
const t0 = performance.now();
let n = 0;
const inflight = new Set<Promise<void>>();
while (performance.now() - t0 < job.seconds * 1000) {
  const body = job.postBodies[n++ % job.postBodies.length];
  const p = fetch(job.url + job.postPath, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(job.postCookie ? { cookie: job.postCookie } : {}) },
    body: JSON.stringify(body),
  })
    .then(async (r) => {
      await r.arrayBuffer();
      stats.statuses[r.status] = (stats.statuses[r.status] ?? 0) + 1;
      if (r.status >= 400) stats.postErrors++;
      else stats.posted++;
    })
    .catch(() => {
      stats.postErrors++;
    })
    .finally(() => inflight.delete(p));
  inflight.add(p);
  // The schedule, not the answers, sets the pace: a slow answer does not slow the offered load.
  const next = t0 + (n * 1000) / job.perSecond;
  await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
}
await Promise.all(inflight);
clearInterval(report);
tell({ kind: 'done', ...stats });
await new Promise<void>((resolve) => {
  process.once('message', () => resolve());
  process.once('disconnect', () => resolve());
});
closing = true;
for (const ws of sockets) ws.close();
setTimeout(() => process.exit(0), 500);
