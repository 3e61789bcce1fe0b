import { expect, test } from '@playwright/test';
import { cookieHeader, DispatcherPage, loggedIn, waitLive } from './pages/screens';

// The map on a second monitor follows the dispatcher's selection; layers and filters change what shows.
test('the map window follows the selection; filters hide units by service and status', async ({
  browser,
  request,
}) => {
  const disp = await loggedIn(browser, 'dispatcher');
  await waitLive(disp.page);
  const cookie = await cookieHeader(disp.context);
  const inc = await request.post('/api/incidents', {
    headers: { cookie },
    data: { type: 'flood', priority: 'yellow', location: { lat: 45.904, lon: 15.593, address: 'Brežice' } },
  });
  const { number, id } = await inc.json();

  const [mapWindow] = await Promise.all([
    disp.context.waitForEvent('page'),
    disp.page.getByTestId('open-map-window').click(),
  ]);
  await expect(mapWindow.getByTestId('conn')).toHaveAttribute('data-state', /live|resynced/);
  await new DispatcherPage(disp.page).open(number);
  await expect(mapWindow.getByTestId('map-window')).toHaveAttribute('data-selected', String(id));

  // A marker names itself in its tooltip: the box is never shown empty (axe: aria-tooltip-name).
  await disp.page.locator('.marker-unit').first().hover({ force: true });
  await expect(disp.page.locator('.leaflet-tooltip').first()).toHaveText(/\S/);

  // Filters: only EMS units, then only available ones.
  const allUnits = await disp.page.locator('.marker-unit').count();
  await disp.page.getByTestId('filter-agency').selectOption('ems');
  await expect.poll(() => disp.page.locator('.marker-unit').count()).toBeLessThan(allUnits);
  await expect.poll(() => disp.page.locator('.marker-unit').count()).toBe(12);
  await disp.page.getByTestId('filter-agency').selectOption('');
  await disp.page.getByTestId('filter-status').selectOption('out_of_service');
  await expect.poll(() => disp.page.locator('.marker-unit').count()).toBe(0);
  await disp.context.close();
});
