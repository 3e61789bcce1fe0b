import { expect, test } from '@playwright/test';
import pg from 'pg';
import { E2E_DATABASE_URL } from '../helpers/env';
import { loggedIn, waitLive } from './pages/screens';

const N = 2500;

// A national exercise: 2,500 extra vehicles on the map. Fixture rows go straight into the database
// (there is no API to create units in bulk) and are removed afterwards; they are out of service so
// no other test's recommendations see them.
test.describe('map at scale', () => {
  let db: pg.Client;
  test.beforeAll(async () => {
    db = new pg.Client({ connectionString: E2E_DATABASE_URL });
    await db.connect();
    await db.query(
      `insert into units (callsign, type, station_id, status, position, position_at)
       select 'SCALE-' || g, 'fire_engine', (select id from stations order by id limit 1), 'out_of_service',
              st_setsrid(st_makepoint(13.6 + (g % 60) * 0.045, 45.5 + (g / 60) * 0.022), 4326)::geography, now()
         from generate_series(1, $1::int) g`,
      [N],
    );
  });
  test.afterAll(async () => {
    await db.query(`delete from units where callsign like 'SCALE-%'`);
    await db.end();
  });

  test('thousands of units are grouped into clusters that open on click', async ({ browser }) => {
    const disp = await loggedIn(browser, 'dispatcher');
    await waitLive(disp.page);
    const map = disp.page.getByTestId('map');
    await expect(map.locator('.marker-cluster').first()).toBeVisible();
    const clusters = await map.locator('.marker-cluster').count();
    const singles = await map.locator('.marker-unit').count();
    // Far fewer DOM markers than vehicles, and every vehicle is counted in some cluster or shown alone.
    expect(clusters + singles).toBeLessThan(300);
    const counted = await map
      .locator('.marker-cluster')
      .evaluateAll((els) => els.reduce((s, e) => s + Number(e.textContent), 0));
    expect(counted + singles).toBeGreaterThanOrEqual(N);
    await disp.page.screenshot({ path: 'screenshots/dispatch-clusters-sl-light.png' });

    // A click on a cluster zooms the map to where it falls apart.
    const container = map.locator('.leaflet-container');
    const zoomBefore = Number(await container.getAttribute('data-zoom'));
    await map.locator('.marker-cluster').first().click();
    await expect
      .poll(async () => Number(await container.getAttribute('data-zoom')))
      .toBeGreaterThan(zoomBefore);
    await expect.poll(() => map.locator('.marker-unit').count()).toBeGreaterThan(singles);
    await disp.page.evaluate(() => {
      document.documentElement.dataset.theme = 'dark';
    });
    await disp.page.screenshot({ path: 'screenshots/dispatch-clusters-zoomed-sl-dark.png' });

    // Filters apply before clustering: the few available units are drawn one by one again.
    await disp.page.getByTestId('filter-status').selectOption('available');
    await expect.poll(() => map.locator('.marker-cluster').count()).toBe(0);
    await disp.context.close();
  });
});
