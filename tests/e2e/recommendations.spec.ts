import { expect, test } from '@playwright/test';
import { cookieHeader, DispatcherPage, loggedIn, lookAt, waitLive } from './pages/screens';

// The dispatcher sees what to send and why, and sends it with one key.
test('dispatcher assigns the recommended units for a building fire with the R key', async ({
  browser,
  request,
}) => {
  const disp = await loggedIn(browser, 'dispatcher');
  await waitLive(disp.page);
  const cookie = await cookieHeader(disp.context);
  const inc = await request.post('/api/incidents', {
    headers: { cookie },
    data: {
      type: 'fire_building',
      priority: 'red',
      location: { lat: 45.8035, lon: 15.1689, address: 'Glavni trg 7, Novo mesto' },
    },
  });
  const { number } = await inc.json();

  const dispatcher = new DispatcherPage(disp.page);
  await dispatcher.open(number);
  const recs = disp.page.getByTestId('recommendations');
  await expect(recs.getByTestId('rec-PGD-NM-11')).toContainText(
    'najbližja enota (gašenje), v območju postaje',
  );
  const count = await recs.locator('tbody tr').count();
  expect(count).toBe(3);

  await disp.page.keyboard.press('r');
  // The set reaches a distant unit: the screen asks first, and R again confirms.
  const far = disp.page.getByTestId('far-confirm');
  await expect(far).toBeVisible();
  await expect(disp.page.getByTestId('assigned').locator('tr.assigned-row')).toHaveCount(0);
  await lookAt(disp.page, 'dispatch-far-confirm-sl-light');
  await disp.page.keyboard.press('r');
  await expect(disp.page.getByTestId('assigned').locator('tr.assigned-row')).toHaveCount(3);
  await expect(disp.page.getByTestId('assigned-PGD-NM-11')).toContainText('alarmirana');
  await disp.context.close();
});
