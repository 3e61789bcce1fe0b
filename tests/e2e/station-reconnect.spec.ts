import { type Browser, chromium, expect, test } from '@playwright/test';
import { login } from '../helpers/api';
import { E2E_DATABASE_URL } from '../helpers/env';
import { freePort, type RunningServer, startServer } from '../helpers/server';
import { StationPage, waitLive } from './pages/screens';

// The station's screen is connected to one server node; that node dies (SIGKILL) and the alert is
// written through another node (the suite's server, same database) meanwhile. When the node is back
// on its address, the screen reconnects from its last seq, shows the alarm and sounds it – without a
// reload and without anyone touching the tablet.
test('an alert sent while the station is disconnected alarms, with sound, after the socket reconnects', async ({
  baseURL,
}) => {
  test.setTimeout(150_000);
  const port = await freePort();
  const env = { DATABASE_URL: E2E_DATABASE_URL };
  let node: RunningServer = await startServer({ port, env });
  // Chromium lets Web Audio play without a user gesture only with this flag; the sound can be checked.
  const browser: Browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--autoplay-policy=no-user-gesture-required'],
  });
  try {
    const context = await browser.newContext({ locale: 'sl-SI', timezoneId: 'Europe/Ljubljana' });
    const page = await context.newPage();
    await page.goto(`${node.url}/login`);
    await page.locator('#username').fill('st-pgd-tr');
    await page.locator('#password').fill('demo-112');
    await page.locator('#password').press('Enter');
    await page.waitForURL(/\/station/);
    await waitLive(page);
    const station = new StationPage(page);
    await expect(station.alarm).toBeHidden();

    await node.kill('SIGKILL');
    await expect(page.getByTestId('conn')).toHaveAttribute('data-state', /reconnecting|connecting|offline/);

    // Meanwhile the dispatcher, on the other node, sends PGD-TR-11.
    const other = baseURL ?? 'http://127.0.0.1:3200';
    const disp = await login(other, 'dispatcher');
    const inc = await disp.send('POST', '/api/incidents', {
      type: 'fire_building',
      priority: 'red',
      location: { lat: 46.1547, lon: 15.0516, address: 'Trg svobode 11, Trbovlje' },
    });
    expect(inc.status).toBe(201);
    const units = (await disp.get('/api/units')).body as { id: number; callsign: string }[];
    const unit = units.find((u) => u.callsign === 'PGD-TR-11');
    const assigned = await disp.send('POST', `/api/incidents/${inc.body.id}/assignments`, {
      unitId: unit?.id,
    });
    expect(assigned.status).toBe(201);
    await page.waitForTimeout(1000);
    await expect(station.alarm).toBeHidden();

    node = await startServer({ port, env });
    await expect(page.getByTestId('conn')).toHaveAttribute('data-state', /live|resynced/, {
      timeout: 20_000,
    });
    await expect(station.alarm).toBeVisible();
    await expect(page.getByTestId('alarm-address')).toHaveText('Trg svobode 11, Trbovlje');
    await expect(station.alarm).toHaveAttribute('data-sound', 'playing');

    // Delivered once it reached the screen, then acknowledged; the sound stops with the alarm.
    await expect
      .poll(async () => {
        const alerts = (await disp.get(`/api/incidents/${inc.body.id}`)).body.assignments as {
          alert?: { deliveredAt: string | null };
        }[];
        return alerts.some((a) => a.alert?.deliveredAt);
      })
      .toBe(true);
    await station.acknowledge();
    await expect(station.alarm).toBeHidden();
    const current = await disp.get(`/api/incidents/${inc.body.id}`);
    const closed = await disp.send('PATCH', `/api/incidents/${inc.body.id}`, {
      version: current.body.version,
      status: 'closed',
      closeReason: 'Vaja: preizkus ponovne povezave',
    });
    expect(closed.status).toBe(200);
  } finally {
    await browser.close();
    await node.kill('SIGKILL');
  }
});
