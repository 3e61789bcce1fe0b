import { expect, test } from '@playwright/test';
import {
  CallTakerPage,
  cookieHeader,
  DispatcherPage,
  loggedIn,
  StationPage,
  waitLive,
} from './pages/screens';

// One emergency from the call to the acknowledged alert: three people, three browsers, one system.
test('call-taker logs a fire; dispatcher assigns the engine; the station acknowledges; dispatcher sees it', async ({
  browser,
}) => {
  const ct = await loggedIn(browser, 'calltaker');
  const disp = await loggedIn(browser, 'dispatcher');
  const st = await loggedIn(browser, 'station');
  await expect(ct.page).toHaveURL(/\/call$/);
  await expect(disp.page).toHaveURL(/\/dispatch$/);
  await expect(st.page).toHaveURL(/\/station$/);
  await Promise.all([waitLive(ct.page), waitLive(disp.page), waitLive(st.page)]);

  const callTaker = new CallTakerPage(ct.page);
  const dispatcher = new DispatcherPage(disp.page);
  const station = new StationPage(st.page);

  const number = await callTaker.logIncident({
    phone: '+386 41 123 456',
    name: 'Ana Novak',
    coords: '46.05140, 14.50600',
    address: 'Prešernov trg 1, Ljubljana',
    type: 'fire_building',
    description: 'Gost dim iz strehe.',
  });
  await expect(ct.page.getByTestId('my-incidents')).toContainText(number);

  // Live on the dispatcher's board and map, without a reload.
  await expect(dispatcher.boardItem(number)).toBeVisible();
  await expect(disp.page.locator('.marker-incident').first()).toBeVisible();
  await dispatcher.open(number);
  await expect(disp.page.getByTestId('near-GB-LJ-11')).toContainText('km');
  await dispatcher.assign('GB-LJ-11');
  await expect(dispatcher.alertChip('GB-LJ-11')).toBeVisible();

  // The station's screen alarms with the incident's facts; its screen confirms delivery by itself.
  await expect(station.alarm).toBeVisible();
  await expect(st.page.getByTestId('alarm-address')).toHaveText('Prešernov trg 1, Ljubljana');
  await expect(st.page.getByTestId('alarm-type')).toContainText(number);
  await expect(dispatcher.alertChip('GB-LJ-11')).toHaveAttribute('data-alert', /delivered|acknowledged/);

  await station.acknowledge();
  await expect(dispatcher.alertChip('GB-LJ-11')).toHaveAttribute('data-alert', 'acknowledged');
  await expect(dispatcher.alertChip('GB-LJ-11')).toContainText('GB Ljubljana');

  // The crew reports "en route"; the dispatcher sees it.
  await station.setStatus('GB-LJ-11', 'na poti');
  await expect(disp.page.getByTestId('assigned-GB-LJ-11')).toContainText('na poti');
  await expect(st.page.getByTestId('unit-GB-LJ-11').getByTestId('unit-status')).toHaveText('na poti');

  for (const c of [ct, disp, st]) await c.context.close();
});

test('an unacknowledged alert survives a reload of the station screen', async ({ browser, request }) => {
  const disp = await loggedIn(browser, 'dispatcher');
  const st = await loggedIn(browser, 'st-pgd-ms');
  await waitLive(st.page);
  const headers = { cookie: await cookieHeader(disp.context) };
  const inc = await request.post('/api/incidents', {
    headers,
    data: {
      type: 'flood',
      priority: 'yellow',
      location: { lat: 46.6608, lon: 16.1608, address: 'Slovenska ulica 20, Murska Sobota' },
    },
  });
  expect(inc.status()).toBe(201);
  const units = await (await request.get('/api/units', { headers })).json();
  const unit = units.find((u: { callsign: string }) => u.callsign === 'PGD-MS-11');
  const assigned = await request.post(`/api/incidents/${(await inc.json()).id}/assignments`, {
    headers,
    data: { unitId: unit.id },
  });
  expect(assigned.status()).toBe(201);

  const station = new StationPage(st.page);
  await expect(station.alarm).toBeVisible();
  await st.page.reload();
  await expect(station.alarm).toBeVisible();
  await expect(st.page.getByTestId('alarm-address')).toHaveText('Slovenska ulica 20, Murska Sobota');
  await station.acknowledge();
  await st.page.reload();
  await waitLive(st.page);
  await expect(station.alarm).toBeHidden();
  await expect(st.page.getByTestId('recent-alerts')).toContainText('Slovenska ulica 20');
  await disp.context.close();
  await st.context.close();
});

test('the map shows incidents and units with no tile server (MAP_TILE_URL=none)', async ({ browser }) => {
  const disp = await loggedIn(browser, 'dispatcher');
  await waitLive(disp.page);
  await expect(disp.page.getByTestId('basemap-badge')).toBeVisible();
  await expect.poll(() => disp.page.locator('.marker-unit').count()).toBeGreaterThanOrEqual(40);
  await expect.poll(() => disp.page.locator('.marker-incident').count()).toBeGreaterThanOrEqual(1);
  await disp.context.close();
});

test('a role cannot open another role’s screen, and no page is open without login', async ({
  browser,
  page,
}) => {
  await page.goto('/dispatch');
  await expect(page).toHaveURL(/\/login\?next=%2Fdispatch/);
  const st = await loggedIn(browser, 'station');
  await st.page.goto('/dispatch');
  await expect(st.page.getByText('Dostop ni dovoljen')).toBeVisible();
  await st.context.close();
});
