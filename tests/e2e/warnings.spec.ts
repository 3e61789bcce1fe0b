import { expect, test } from '@playwright/test';
import { loggedIn, lookAt, waitLive } from './pages/screens';

// A supervisor draws the area of a public warning on the map, writes it in both languages and
// publishes it; it appears in the list and in the Atom feed, and can be cancelled.
test('a supervisor publishes and cancels a public warning drawn on the map', async ({ browser, request }) => {
  const sv = await loggedIn(browser, 'supervisor');
  await sv.page.goto('/warnings');
  await waitLive(sv.page);
  const map = sv.page.getByTestId('warn-map').locator('.leaflet-container');
  const box = await map.boundingBox();
  if (!box) throw new Error('map not laid out');
  for (const [x, y] of [
    [0.4, 0.4],
    [0.6, 0.4],
    [0.6, 0.6],
    [0.4, 0.6],
  ] as const)
    await sv.page.mouse.click(box.x + box.width * x, box.y + box.height * y);
  await expect(sv.page.getByTestId('warn-vertices')).toContainText('(4)');
  const run = Date.now().toString(36);
  await sv.page.locator('#w-eventSl').fill('Neurje');
  await sv.page.locator('#w-eventEn').fill('Storm');
  await sv.page.locator('#w-headlineSl').fill(`Močno neurje s točo ${run}`);
  await sv.page.locator('#w-headlineEn').fill(`Severe storm with hail ${run}`);
  await sv.page.locator('#w-instructionSl').fill('Ostanite v zaprtih prostorih.');
  await sv.page.locator('#w-instructionEn').fill('Stay indoors.');
  await sv.page.locator('#w-areaDesc').fill('Osrednja Slovenija');
  await sv.page.getByTestId('publish').click();
  const item = sv.page.getByTestId('published').locator('li', { hasText: `Močno neurje s točo ${run}` });
  await expect(item).toBeVisible();
  await lookAt(sv.page, 'warnings-sl-light');
  const feed = await (await request.get('/api/cap/feed')).text();
  expect(feed).toContain(`Močno neurje s točo ${run}`);
  await item.getByRole('button').click();
  await expect(sv.page.getByTestId('published')).toContainText(`Preklic: Močno neurje s točo ${run}`);
  await sv.context.close();

  const en = await loggedIn(browser, 'supervisor', { lang: 'en', theme: 'dark' });
  await en.page.goto('/warnings');
  await waitLive(en.page);
  await expect(en.page.getByTestId('published')).toContainText(`Severe storm with hail ${run}`);
  await lookAt(en.page, 'warnings-en-dark');
  await en.context.close();
});
