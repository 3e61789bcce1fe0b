import { expect, test } from '@playwright/test';
import { codesOnScreen, loggedIn, lookAt, waitLive } from './pages/screens';

// The call-taker trusts what the form keeps and what it says about a location: a half-typed call
// survives a reload with its timer, a search that found nothing (or not the house number) says so,
// a position abroad is asked about once and swapped coordinates are offered the right way round.

test('a half-typed call survives a reload with its timer; discarding it empties the form', async ({
  browser,
}) => {
  const ct = await loggedIn(browser, 'calltaker');
  const p = ct.page;
  await waitLive(p);
  await p.locator('#phone').fill('041 555 666');
  await p.locator('#description').fill('Dim iz kleti, klicatelj je zmeden.');
  await p.locator('#type').selectOption('fire_building');
  await expect(p.getByTestId('call-timer')).toBeVisible();
  const started = await p.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('cad112.callDraft.'));
    return key
      ? (JSON.parse(localStorage.getItem(key) ?? '{}') as { callStartedAt: string }).callStartedAt
      : null;
  });
  expect(started).not.toBeNull();
  await p.waitForTimeout(1200);

  await p.reload();
  await waitLive(p);
  await expect(p.getByTestId('draft-restored')).toBeVisible();
  await expect(p.locator('#phone')).toHaveValue('041 555 666');
  await expect(p.locator('#description')).toHaveValue('Dim iz kleti, klicatelj je zmeden.');
  await expect(p.locator('#type')).toHaveValue('fire_building');
  // The timer kept its start: it shows the time since the first keystroke, not since the reload.
  await expect(p.getByTestId('call-timer')).toContainText(/0:0[1-9]|0:[1-5]\d/);
  await lookAt(p, 'call-draft-restored-sl-light');

  await p.getByTestId('discard-draft').click();
  await expect(p.locator('#phone')).toHaveValue('');
  await p.reload();
  await waitLive(p);
  await expect(p.getByTestId('draft-restored')).toBeHidden();
  await ct.context.close();
});

test('field errors go when fixed; a search without results says so and Enter does not save', async ({
  browser,
}) => {
  const ct = await loggedIn(browser, 'calltaker', { lang: 'en' });
  const p = ct.page;
  await waitLive(p);
  await p.locator('#phone').fill('041 777 888');
  await p.locator('#phone').press('Enter');
  await expect(p.locator('.error')).toHaveCount(2); // type and coordinates
  await p.locator('#type').selectOption('flood');
  await expect(p.locator('.error')).toHaveCount(1);
  await p.locator('#coords').fill('46.0514, 14.506');
  await expect(p.getByTestId('resolved-position')).toBeVisible();
  await expect(p.locator('.error')).toHaveCount(0);

  await p.locator('#place-search').fill('qqxyzzy');
  await expect(p.getByTestId('place-none')).toHaveText('No results.');
  await p.locator('#place-search').press('Enter');
  await p.waitForTimeout(300);
  await expect(p.getByTestId('notice')).toBeHidden();

  // A house number the gazetteer does not have: the street's address is marked, and chosen, questioned.
  await p.locator('#place-search').fill('titov trg 99');
  await expect(p.getByTestId('place-results')).toContainText('Titov trg 3');
  await expect(p.getByTestId('no-house-number').first()).toBeVisible();
  await p.locator('#place-search').press('Enter');
  await expect(p.getByTestId('house-number-doubt')).toBeVisible();
  await lookAt(p, 'call-house-number-en-light');
  expect(await codesOnScreen(p, 'en')).toEqual([]);
  await p.locator('#address').fill('Titov trg 99, Koper');
  await expect(p.getByTestId('house-number-doubt')).toBeHidden();
  await ct.context.close();
});

test('a position abroad is asked about before saving; swapped coordinates are offered', async ({
  browser,
}) => {
  const ct = await loggedIn(browser, 'calltaker', { theme: 'dark' });
  const p = ct.page;
  await waitLive(p);
  await p.locator('#phone').fill('041 999 000');
  await p.locator('#type').selectOption('medical');
  // Latitude and longitude the wrong way round: offered the other way.
  await p.locator('#coords').fill('14.50600, 46.05140');
  await expect(p.getByTestId('location-doubt')).toBeVisible();
  await lookAt(p, 'call-swapped-sl-dark');
  await p.getByTestId('use-swapped').click();
  await expect(p.locator('#coords')).toHaveValue(/^46\.05140, 14\.50600/);
  await expect(p.getByTestId('location-doubt')).toBeHidden();

  // Vienna: a question, not a block; the second save confirms.
  await p.locator('#coords').fill('48.20820, 16.37380');
  await expect(p.getByTestId('location-doubt')).toBeVisible();
  await p.locator('#coords').press('Enter');
  await expect(p.getByTestId('notice')).toContainText('zunaj Slovenije');
  await p.locator('#coords').press('Enter');
  await expect(p.getByTestId('notice')).toContainText(/\d{4}-\d{6}/);
  await ct.context.close();
});
