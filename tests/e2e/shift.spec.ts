import { expect, type Page, test } from '@playwright/test';
import pg from 'pg';
import { E2E_DATABASE_URL } from '../helpers/env';
import {
  CallTakerPage,
  cookieHeader,
  DispatcherPage,
  loggedIn,
  lookAt,
  StationPage,
  waitLive,
} from './pages/screens';

// A shift on the dispatcher's screen after dispatch, three people in three browsers: a red call
// chimes and stays marked until opened; the dispatcher edits it against a concurrent change, notes,
// assigns and undoes, reports a status by radio, swaps a unit, closes with an outcome, reopens it,
// merges a duplicate into it and releases the last unit.

const KOPER = { lat: 45.5481, lon: 13.7302 };

async function sql(text: string, params: unknown[] = []) {
  const db = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await db.connect();
  try {
    return (await db.query(text, params)).rows;
  } finally {
    await db.end();
  }
}

/** Frees the Koper fire units other tests (or an earlier run of this one) may have left busy. */
async function freeKoper() {
  await sql(`update assignments set status = 'released', released_at = now()
              where released_at is null and unit_id in (select id from units where callsign like 'GB-KP-%')`);
  await sql(`update units set status = 'available', status_since = now() where callsign like 'GB-KP-%'`);
  await sql(`update alerts set cancelled_at = now()
              where acknowledged_at is null and cancelled_at is null
                and unit_id in (select id from units where callsign like 'GB-KP-%')`);
}

async function fill(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).fill(text);
}

test('a whole incident: marked red call, edit with a conflict, note, undo, radio, swap, close, reopen, merge, release', async ({
  browser,
  request,
}) => {
  await freeKoper();
  const ct = await loggedIn(browser, 'calltaker');
  const disp = await loggedIn(browser, 'dispatcher');
  const st = await loggedIn(browser, 'st-gb-kp');
  await Promise.all([waitLive(ct.page), waitLive(disp.page), waitLive(st.page)]);
  const dispatcher = new DispatcherPage(disp.page);
  // The story's incidents are in several regions: the board of the whole country.
  await dispatcher.wholeCountry();
  const station = new StationPage(st.page);
  const p = disp.page;

  const number = await new CallTakerPage(ct.page).logIncident({
    phone: '+386 41 700 800',
    name: 'Eva Koprivnik',
    coords: `${KOPER.lat}, ${KOPER.lon}`,
    address: 'Titov trg 3, Koper',
    type: 'fire_building',
    description: 'Gori v pritličju.',
  });
  // New and red: marked on the board until someone opens it.
  const row = dispatcher.boardItem(number);
  await expect(row.getByTestId('unopened')).toBeVisible();
  await lookAt(p, 'shift-unopened-red-sl-light');
  await dispatcher.open(number);
  await expect(row.getByTestId('unopened')).toBeHidden();

  // Edit while someone else changes the incident: their change is shown, not overwritten.
  const id = (await sql('select id, version from incidents where number = $1', [number]))[0];
  await p.keyboard.press('e');
  await expect(p.getByTestId('form-edit')).toBeVisible();
  await p.getByTestId('form-edit').locator('textarea').fill('Gori v pritličju, dim v stopnišču.');
  const other = await request.patch(`/api/incidents/${id.id}`, {
    headers: { cookie: await cookieHeader(ct.context) },
    data: { version: id.version, priority: 'yellow' },
  });
  expect(other.status()).toBe(200);
  await expect(p.getByTestId('edit-conflict')).toBeVisible();
  await expect(p.getByTestId('theirs-priority')).toContainText('Rumena');
  await lookAt(p, 'shift-edit-conflict-sl-light');
  await p.getByTestId('edit-priority').selectOption('red');
  await p.getByTestId('edit-save').click();
  // The first save met the other version (409); the second, after looking, saves.
  if (await p.getByTestId('form-edit').isVisible()) await p.getByTestId('edit-save').click();
  await expect(p.getByTestId('detail-description')).toHaveText('Gori v pritličju, dim v stopnišču.');

  // A note from the keyboard: N, type, Ctrl+Enter.
  await p.getByTestId('detail-coords').click();
  await p.keyboard.press('n');
  await p.keyboard.type('Klicateljica čaka pred hišo.');
  await p.keyboard.press('Control+Enter');
  await expect(p.getByTestId('timeline')).toContainText('Klicateljica čaka pred hišo.');

  // Assign, and undo within seconds (U): the alert is cancelled and says so.
  await dispatcher.assign('GB-KP-11');
  await expect(p.getByTestId('undo-toast')).toBeVisible();
  await p.getByTestId('detail-coords').click();
  await p.keyboard.press('u');
  await expect(p.getByTestId('assigned-GB-KP-11')).toContainText('sproščena');
  await expect(p.getByTestId('note-alert_cancelled')).toBeVisible();

  // Assigned again; the station acknowledges; the crew reports by radio, the dispatcher enters it.
  await p.getByTestId('near-GB-KP-11').getByRole('button').click();
  await expect(station.alarm).toBeVisible();
  await station.acknowledge();
  await expect(dispatcher.alertChip('GB-KP-11').first()).toHaveAttribute('data-alert', 'acknowledged');
  const live = p.getByTestId('assigned-GB-KP-11').first();
  await p.getByTestId('radio-GB-KP-11').click();
  await p.getByTestId('radio-status').selectOption('en_route');
  await fill(p, 'row-reason', 'javili po radiu');
  await p.getByTestId('row-submit').click();
  await expect(live).toContainText('na poti');
  await expect(p.getByTestId('note-status_report')).toContainText('GB-KP-11 → na poti: javili po radiu');

  // Swap: another unit in its place, one write.
  await p.getByTestId('swap-GB-KP-11').click();
  const swapTo = p.getByTestId('form-swap-GB-KP-11').locator('select');
  await swapTo.selectOption(
    (await swapTo.locator('option', { hasText: 'GB-KP-21' }).getAttribute('value')) ?? '',
  );
  await fill(p, 'row-reason', 'okvara vozila');
  await p.getByTestId('row-submit').click();
  await expect(p.getByTestId('assigned-GB-KP-21')).toContainText('alarmirana');
  await expect(p.getByTestId('note-swapped')).toContainText('GB-KP-11 → GB-KP-21: okvara vozila');
  await lookAt(p, 'shift-detail-sl-light');

  // Close with an outcome: the unit still on it is released only with the tick.
  const before = Number(await p.getByTestId('board-count').textContent());
  await p.getByTestId('detail-coords').click();
  await p.keyboard.press('c');
  await p.getByTestId('outcome').selectOption('handled');
  await fill(p, 'action-text', 'Požar pogašen.');
  await p.getByTestId('action-submit').click();
  await expect(p.getByTestId('form-close')).toBeVisible(); // the tick is required
  await p.getByTestId('release-units').check();
  await p.getByTestId('action-submit').click();
  await expect(p.getByTestId('ended-banner')).toContainText('obravnavano');
  await expect(row).toBeHidden();
  await expect(p.getByTestId('board-count')).toHaveText(String(before - 1));
  await expect(station.page.getByTestId('unit-GB-KP-21').getByTestId('unit-status')).toHaveText('prosta');

  // Reopened from the recently ended list, with a reason: back on the board as new.
  await p.getByTestId('view-ended').click();
  await dispatcher.boardItem(number).click();
  await p.getByTestId('action-reopen').click();
  await fill(p, 'action-text', 'Ponovni klic: spet se kadi.');
  await p.getByTestId('action-submit').click();
  await expect(p.getByTestId('ended-banner')).toBeHidden();
  await p.getByTestId('view-open').click();
  await expect(row).toContainText('nov');

  // A second call about the same fire, logged apart: merged into the first.
  const dup = await request.post('/api/incidents', {
    headers: { cookie: await cookieHeader(ct.context) },
    data: {
      type: 'fire_building',
      priority: 'red',
      location: { ...KOPER, address: 'Titov trg 4, Koper' },
      caller: { phone: '+38640111222', name: 'Sosed' },
      description: 'Dim iz sosednje hiše.',
    },
  });
  const dupNumber = (await dup.json()).number as string;
  await dispatcher.open(dupNumber);
  await p.getByTestId('action-merge').click();
  await fill(p, 'other-incident', number);
  await p.getByTestId('action-submit').click();
  await expect(p.getByTestId('ended-banner')).toContainText(`Združeno v ${number}`);
  await p.getByTestId('ended-banner').getByRole('button').click();
  await expect(p.getByTestId('detail')).toContainText(number);
  await expect(p.getByTestId('timeline')).toContainText('+38640111222');
  await expect(p.getByTestId('related')).toContainText(dupNumber);

  // The last unit released with a reason.
  await p.getByTestId('near-GB-KP-31').getByRole('button').click();
  await p.getByTestId('release-GB-KP-31').click();
  await fill(p, 'row-reason', 'ni potrebna');
  await p.getByTestId('row-submit').click();
  await expect(p.getByTestId('note-alert_cancelled').last()).toContainText('GB-KP-31: ni potrebna');

  for (const c of [ct, disp, st]) await c.context.close();
});

test('an escalated alert stays in view while the board is scrolled; A re-alerts the selected, Shift+A all', async ({
  browser,
  request,
}) => {
  await freeKoper();
  const disp = await loggedIn(browser, 'dispatcher');
  await waitLive(disp.page);
  const p = disp.page;
  // Koper's incidents on Ljubljana's dispatcher's screen: the whole country.
  await new DispatcherPage(p).wholeCountry();
  const headers = { cookie: await cookieHeader(disp.context) };
  // Enough open incidents to scroll the board.
  for (let i = 0; i < 25; i++)
    await request.post('/api/incidents', {
      headers,
      data: {
        type: 'flood',
        priority: 'green',
        location: { lat: 45.55 + i / 1000, lon: 13.72, address: `Koper ${i}` },
      },
    });
  const inc = await (
    await request.post('/api/incidents', {
      headers,
      data: {
        type: 'fire_building',
        priority: 'yellow',
        location: { ...KOPER, address: 'Pristaniška 1, Koper' },
      },
    })
  ).json();
  const unit = (await (await request.get('/api/units', { headers })).json()).find(
    (u: { callsign: string }) => u.callsign === 'GB-KP-31',
  );
  expect(
    (
      await request.post(`/api/incidents/${inc.id}/assignments`, { headers, data: { unitId: unit.id } })
    ).status(),
  ).toBe(201);
  await sql(
    `update alerts set sent_at = sent_at - interval '2 minutes' where acknowledged_at is null and unit_id = $1`,
    [unit.id],
  );
  const strip = p.getByTestId('escalated');
  const mine = strip.getByRole('button', { name: `${unit.callsign} · ${inc.number}` });
  await expect(mine).toBeVisible();
  // The count says how many wait (other tests' escalations may be among them).
  const waiting = Number(await p.getByTestId('escalated-count').textContent());
  expect(waiting).toBeGreaterThanOrEqual(1);
  expect(await strip.locator('.escalated-item').count()).toBe(waiting);

  // Scroll the board to its end: the strip stays on screen.
  await p.getByTestId('board').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(strip).toBeInViewport();
  await lookAt(p, 'shift-escalated-scrolled-sl-light');

  // Selecting the incident from the strip, then A: that alert (only) is sent again.
  await mine.click();
  await p.keyboard.press('a');
  await expect(mine).toBeHidden();
  const realerts = await sql('select realert_count from alerts where unit_id = $1 order by id desc limit 1', [
    unit.id,
  ]);
  expect(realerts[0].realert_count).toBe(1);
  // Shift+A: every escalated alert still waiting is sent again; the strip empties.
  if (await strip.isVisible()) {
    await p.keyboard.press('Shift+A');
    await expect(strip).toBeHidden();
  }
  await disp.context.close();
});

test('the units status board: time in status, filters, and an alarm for a unit on scene too long', async ({
  browser,
  request,
}) => {
  await freeKoper();
  for (const v of [
    { lang: 'sl', theme: 'dark' },
    { lang: 'en', theme: 'light' },
    { lang: 'en', theme: 'dark' },
    { lang: 'sl', theme: 'light' },
  ] as const) {
    const disp = await loggedIn(browser, 'dispatcher', v);
    await waitLive(disp.page);
    const p = disp.page;
    if (v.lang === 'sl' && v.theme === 'light') {
      const headers = { cookie: await cookieHeader(disp.context) };
      const inc = await (
        await request.post('/api/incidents', {
          headers,
          data: {
            type: 'fire_building',
            priority: 'red',
            location: { ...KOPER, address: 'Ukmarjev trg 2, Koper' },
          },
        })
      ).json();
      const unit = (await (await request.get('/api/units', { headers })).json()).find(
        (u: { callsign: string }) => u.callsign === 'GB-KP-11',
      );
      await request.post(`/api/incidents/${inc.id}/assignments`, { headers, data: { unitId: unit.id } });
      for (const status of ['en_route', 'on_scene'])
        await request.post(`/api/units/${unit.id}/status`, { headers, data: { status } });
      // Two hours on scene (the fire brigade's limit is 90 minutes): moved back instead of waiting.
      await sql(`update units set status_since = now() - interval '2 hours' where id = $1`, [unit.id]);
    }
    await p.keyboard.press('b');
    const board = p.getByTestId('units-board');
    await expect(board).toBeVisible();
    if (v.lang === 'sl' && v.theme === 'light') {
      await p.reload();
      await waitLive(p);
      await p.keyboard.press('b');
      await expect(p.getByTestId('overdue-alarm')).toBeVisible();
      await expect(p.getByTestId('unitrow-GB-KP-11')).toHaveClass(/overdue/);
      await p.getByTestId('filter-status').selectOption('on_scene');
      await expect(p.getByTestId('unitrow-GB-KP-11')).toContainText('na kraju');
      await expect(p.getByTestId('unitrow-GB-KP-21')).toBeHidden();
    }
    await lookAt(p, `shift-units-board-${v.lang}-${v.theme}`);
    await disp.context.close();
  }
  await freeKoper();
});

test('keyboard only: jump to an incident by number, assign a unit by call sign, go to the newest unassigned', async ({
  browser,
  request,
}) => {
  await freeKoper();
  const disp = await loggedIn(browser, 'dispatcher', { lang: 'en', theme: 'dark' });
  await waitLive(disp.page);
  const p = disp.page;
  // W: the whole country's board (the incidents here are in Koper's region), from the keyboard.
  await p.keyboard.press('w');
  await expect(p.getByTestId('scope-all')).toHaveAttribute('aria-selected', 'true');
  const headers = { cookie: await cookieHeader(disp.context) };
  const older = await (
    await request.post('/api/incidents', {
      headers,
      data: { type: 'flood', priority: 'green', location: { ...KOPER, address: 'Kidričeva 1, Koper' } },
    })
  ).json();
  const newest = await (
    await request.post('/api/incidents', {
      headers,
      data: { type: 'flood', priority: 'green', location: { ...KOPER, address: 'Kidričeva 2, Koper' } },
    })
  ).json();
  await expect(p.getByTestId(`board-${newest.number}`)).toBeVisible();

  // G, the number's digits, Enter: the incident is open; the board keeps the keyboard.
  await p.keyboard.press('g');
  await p.keyboard.type(String(Number(older.number.slice(5))));
  await p.keyboard.press('Enter');
  await expect(p.locator('#detail-title')).toContainText(older.number);
  // D, a call sign, Enter: alerted without touching the board.
  await p.keyboard.press('d');
  await p.keyboard.type('gb-kp-21');
  await p.keyboard.press('Enter');
  await expect(p.getByTestId('assigned-GB-KP-21')).toContainText('alerted');
  await p.keyboard.press('Escape');
  // Shift+N: the newest incident nobody works on.
  await p.getByTestId('detail-coords').click();
  await p.keyboard.press('Shift+N');
  await expect(p.locator('#detail-title')).toContainText(newest.number);
  await lookAt(p, 'shift-keyboard-en-dark');
  // Related incidents: linked from the form, shown both ways, and the link removed again.
  await p.getByTestId('action-link').click();
  await p.getByTestId('other-incident').fill(older.number);
  await p.getByTestId('action-submit').click();
  await expect(p.getByTestId(`related-${older.number}`)).toContainText('linked');
  await p.getByTestId(`unlink-${older.number}`).click();
  await expect(p.getByTestId(`related-${older.number}`)).toBeHidden();
  await disp.context.close();
  await freeKoper();
});
