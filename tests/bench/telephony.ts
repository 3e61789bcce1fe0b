import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import type pg from 'pg';
import { login } from '../helpers/api';
import { freePort, startServer } from '../helpers/server';
import { placeCalls, startEdge, startPhone, TELEPHONY_TOKEN, withLocation } from '../helpers/telephony';
import { notes, record, rssMb, single, sleep } from './figures';

// 8. The 112 call: from the INVITE reaching Kamailio to the call showing in a call-taker's queue in
//    the browser, 20 calls per second for a minute (each rings 2 s at two positions, is answered at
//    one, talks 3 s). The INVITE's arrival is Kamailio's own clock (the call's offeredAt); the queue
//    row's first appearance is the browser's clock (a MutationObserver); one machine, one clock.
export async function benchTelephony(DB_URL: string, raw: pg.Client, LOAD_S: number): Promise<void> {
  console.log('telephony: INVITE at the edge → the call in the browser queue');
  // The section measures the call's path to the screen, one centre's calls at 20/s on two positions:
  // without this the queue would pass Ljubljana's overflow threshold within a second and the calls
  // would go to Kranj's queue (issue 20), which the measuring page (Ljubljana's) does not show.
  await raw.query(`update centres set queue_threshold = 100000 where code = 'LJ'`);
  const port = await freePort();
  const edge = await startEdge({ cadUrl: `http://127.0.0.1:${port}` });
  const tServer = await startServer({
    port,
    env: {
      DATABASE_URL: DB_URL,
      LOG_LEVEL: 'error',
      TELEPHONY_TOKEN,
      TELEPHONY_CONTROL_URL: edge.controlUrl,
    },
  });
  const phones = [await startPhone(edge, 'pos-01', 2000), await startPhone(edge, 'pos-02', 2000)];
  const ct = await login(tServer.url, 'calltaker');
  await ct.send('POST', '/api/me/position', { position: 'pos-02' });
  const tBrowser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  });
  const shown = new Map<string, number>();
  try {
    const context = await tBrowser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addCookies([
      { name: 'cad112_session', value: decodeURIComponent(ct.cookie.split('=')[1] ?? ''), url: tServer.url },
    ]);
    const page = await context.newPage();
    await page.goto(`${tServer.url}/call`);
    await page.locator('[data-testid="conn"][data-state="live"]').waitFor({ timeout: 30_000 });
    await page.evaluate(() => {
      const seen: Record<string, number> = {};
      (window as unknown as { __shown: Record<string, number> }).__shown = seen;
      new MutationObserver((list) => {
        const now = performance.timeOrigin + performance.now();
        for (const m of list)
          for (const n of m.addedNodes)
            if (n instanceof HTMLElement)
              for (const el of [n, ...n.querySelectorAll<HTMLElement>('[data-caller]')])
                if (el.dataset.caller && !(el.dataset.caller in seen)) seen[el.dataset.caller] = now;
      }).observe(document.body, { childList: true, subtree: true });
    });
    const count = Math.round(20 * LOAD_S);
    const before = Number((await raw.query('select count(*) from calls')).rows[0].count);
    const run = placeCalls(
      edge,
      {
        from: '+3864900[call_number]',
        ...withLocation(readFileSync('tests/fixtures/standards/pidf-lo/circle.xml', 'utf8')),
        headers: `P-Asserted-Identity: <tel:+3864900[call_number]>\n${withLocation('').headers}`,
        answerBy: 'pos-01',
        talkMs: 3000,
      },
      { count, perSecond: 20 },
    );
    const code = await run.done;
    await sleep(3000);
    for (const [k, v] of Object.entries(
      await page.evaluate(() => (window as unknown as { __shown: Record<string, number> }).__shown),
    ))
      shown.set(k, v);
    const calls = (
      await raw.query(
        `select caller, extract(epoch from offered_at) * 1000 as offered, state, doubts from calls order by id offset $1`,
        [before],
      )
    ).rows as { caller: string; offered: string; state: string; doubts: string[] }[];
    const latencies = calls.flatMap((c) => {
      const at = shown.get(c.caller);
      return at === undefined ? [] : [at - Number(c.offered)];
    });
    record('112 call: INVITE at Kamailio → row in the browser queue (20 calls/s)', latencies, 'p99 < 1000');
    const applied = (
      await raw.query(
        `select extract(epoch from e.at - (e.payload->'call'->>'offeredAt')::timestamptz) * 1000 as ms
           from events e
          where e.type = 'call.offered' and e.payload->'call'->>'caller' like '+3864900%'`,
      )
    ).rows.map((r: { ms: string }) => Number(r.ms));
    record('112 call: INVITE at Kamailio → call.offered committed by the CAD', applied);
    const lost = calls.filter((c) => c.doubts.includes('offer_missing')).length;
    const waiting = calls.filter((c) => c.state === 'waiting').length;
    notes.push(
      `telephony: SIPp exit ${code}; ${count} calls placed, ${calls.length} in the CAD, ${latencies.length} seen in the browser queue, ${lost} with a lost offer, ${waiting} still waiting after the run`,
    );
    single('server RSS after the call load, MB', rssMb(tServer.proc.pid as number), '< 350');
  } finally {
    await tBrowser.close();
    for (const p of phones) p.stop();
    await edge.stop();
    await tServer.kill();
  }
}
