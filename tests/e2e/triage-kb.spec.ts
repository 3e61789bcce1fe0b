import { expect, test } from '@playwright/test';
import { loggedIn, waitLive } from './pages/screens';

// The protocol suggests the priority as the call-taker answers; the knowledge base shows what to
// read to the caller for the chosen type.
test('answers to the protocol set the priority; the CPR instructions appear for a cardiac arrest', async ({
  browser,
}) => {
  const ct = await loggedIn(browser, 'calltaker');
  const page = ct.page;
  await waitLive(page);

  await page.locator('#type').selectOption('medical');
  await expect(page.locator('input[name="priority"][value="yellow"]')).toBeChecked();
  const protocol = page.getByTestId('protocol');
  await expect(protocol).toContainText('Ali oseba normalno diha?');
  await protocol
    .getByRole('radiogroup', { name: 'Ali oseba normalno diha?' })
    .getByLabel('ne', { exact: true })
    .check();
  await expect(page.locator('input[name="priority"][value="red"]')).toBeChecked();

  // A priority chosen by hand is not overwritten by later answers.
  await page.locator('input[name="priority"][value="yellow"]').check();
  await protocol
    .getByRole('radiogroup', { name: 'Je oseba pri zavesti?' })
    .getByLabel('ne', { exact: true })
    .check();
  await expect(page.locator('input[name="priority"][value="yellow"]')).toBeChecked();

  await page.locator('#type').selectOption('cardiac_arrest');
  const kb = page.getByTestId('kb');
  await expect(kb.getByTestId('kb-tpo-odrasli')).toContainText('100- do 120-krat na minuto');

  await page.locator('#kb-search').fill('plin');
  await expect(kb.getByTestId('kb-uhajanje-plina')).toBeVisible();
  await ct.context.close();
});
