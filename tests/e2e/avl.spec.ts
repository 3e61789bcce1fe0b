import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { cookieHeader, loggedIn, waitLive } from './pages/screens';

// PGD Ptuj's tablet rides in PGD-PT-11 and sends its GPS position; the dispatcher's map (another
// browser) moves the unit's marker live, without a reload.
const PTUJ = { lat: 46.4199, lon: 15.8697 };
const CALLSIGN = 'PGD-PT-11';

async function markerBox(page: Page) {
  const marker = page.locator(`.leaflet-marker-icon[title^="${CALLSIGN} ("]`);
  await expect(marker).toHaveCount(1);
  const box = await marker.boundingBox();
  if (!box) throw new Error('marker not laid out');
  return box;
}

async function unitNow(request: APIRequestContext, cookie: string) {
  const units = await (await request.get('/api/units', { headers: { cookie } })).json();
  return units.find((u: { callsign: string }) => u.callsign === CALLSIGN);
}

async function putBack(request: APIRequestContext, cookie: string) {
  const unit = await unitNow(request, cookie);
  const res = await request.post(`/api/units/${unit.id}/position`, {
    headers: { cookie, origin: 'http://127.0.0.1:3200' },
    data: { lat: PTUJ.lat, lon: PTUJ.lon },
  });
  expect(res.status()).toBe(200);
  expect((await res.json()).applied).toBe(true);
}

test('a station tablet sends its position and the unit moves on the dispatcher map', async ({
  browser,
  request,
}) => {
  const disp = await loggedIn(browser, 'dispatcher');
  await waitLive(disp.page);
  await putBack(request, await cookieHeader(disp.context));
  // Chromium's emulated fix carries the time the emulation was set: the tablet's context comes after
  // the reset, or its first report would be older than the stored one and (rightly) ignored.
  const st = await loggedIn(browser, 'st-pgd-pt', {
    geolocation: { latitude: 46.25, longitude: 15.6, accuracy: 12 },
  });
  await waitLive(st.page);
  const before = await markerBox(disp.page);

  const card = st.page.getByTestId(`unit-${CALLSIGN}`);
  await card.getByTestId('avl-start').click();
  await expect(card.getByTestId('avl')).toHaveAttribute('data-state', 'sending');
  await expect(card.getByTestId('avl')).toContainText('±12 m');
  await st.page.screenshot({ path: 'screenshots/station-avl-sl-light.png' });

  // South-west by about 25 km: at zoom 8 that is tens of pixels on the other browser's map.
  await expect
    .poll(async () => {
      const b = await markerBox(disp.page);
      return Math.round(b.x - before.x) < -10 && Math.round(b.y - before.y) > 10;
    })
    .toBe(true);
  const unit = await unitNow(request, await cookieHeader(disp.context));
  expect(unit.position.lat).toBeCloseTo(46.25, 4);
  expect(unit.position.lon).toBeCloseTo(15.6, 4);

  // The vehicle drives on; after the minimum interval the next fix is sent and the marker follows.
  const second = await markerBox(disp.page);
  await st.context.setGeolocation({ latitude: 46.35, longitude: 15.75, accuracy: 8 });
  await expect
    .poll(async () => Math.round((await markerBox(disp.page)).y - second.y), { timeout: 25_000 })
    .toBeLessThan(-5);

  // The binding survives a reload of the tablet.
  await st.page.reload();
  await expect(st.page.getByTestId(`unit-${CALLSIGN}`).getByTestId('avl')).toHaveAttribute(
    'data-state',
    'sending',
  );

  // A fix that is too imprecise (indoor Wi-Fi location) is shown and not sent.
  await st.context.setGeolocation({ latitude: 46.0, longitude: 15.0, accuracy: 900 });
  await expect(st.page.getByTestId(`unit-${CALLSIGN}`).getByTestId('avl')).toHaveAttribute(
    'data-state',
    'poor',
  );
  await st.page.getByTestId(`unit-${CALLSIGN}`).getByTestId('avl-stop').click();
  await expect(st.page.getByTestId(`unit-${CALLSIGN}`).getByTestId('avl-start')).toBeVisible();
  expect((await unitNow(request, await cookieHeader(disp.context))).position.lat).not.toBeCloseTo(46.0, 1);

  // Put the unit back at its station for the tests that follow.
  await putBack(request, await cookieHeader(st.context));
  await st.context.close();
  await disp.context.close();
});

test('a tablet without location permission says so', async ({ browser }) => {
  const st = await loggedIn(browser, 'st-pgd-pt');
  await waitLive(st.page);
  const card = st.page.getByTestId(`unit-${CALLSIGN}`);
  await card.getByTestId('avl-start').click();
  await expect(card.getByTestId('avl')).toHaveAttribute('data-state', /denied|unavailable/);
  await card.getByTestId('avl-stop').click();
  await st.context.close();
});
