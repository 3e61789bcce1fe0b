import { expect, test } from '@playwright/test';
import { AML_GOOD, amlSms } from '../helpers/aml';
import { cookieHeader, loggedIn, waitLive } from './pages/screens';

// The caller's phone sends its own location (AML) while the call-taker types the number: the device
// location appears beside the form, is never copied by itself, and one key uses it.
test('call-taker uses the AML location of the caller’s phone', async ({ browser }) => {
  const ct = await loggedIn(browser, 'calltaker');
  const page = ct.page;
  await waitLive(page);
  await page.locator('#phone').fill('041 777 888');
  await expect(page.getByTestId('device-fix')).toContainText('Za to številko ni lokacije naprave');

  // The SMS gateway forwards the AML SMS (here with the call-taker's own session, as the API allows).
  const cookie = await cookieHeader(ct.context);
  const res = await page.request.post('/api/aml?from=%2B38641777888', {
    headers: { cookie, 'content-type': 'text/plain' },
    data: amlSms({ ...AML_GOOD, lt: '+46.36940', lg: '+014.11360', rd: '25' }),
  });
  expect(res.status()).toBe(201);

  const fix = page.getByTestId('device-fix');
  await expect(fix).toContainText('46.36940, 14.11360');
  await expect(fix).toContainText('±25 m');
  await expect(fix).toContainText('D96/TM');
  // Nothing was copied into the typed location by itself.
  await expect(page.locator('#coords')).toHaveValue('');

  await page.locator('#phone').press('Alt+l');
  await expect(page.locator('#coords')).toHaveValue('46.36940, 14.11360');
  await expect(page.locator('#accuracy')).toHaveValue('25');
  await expect(page.getByTestId('resolved-position')).toContainText('D96/TM E');
  await page.locator('#type').selectOption('medical');
  await page.locator('#address').fill('Bled, Jezerska promenada');
  await page.locator('#address').press('Enter');
  await expect(page.getByTestId('notice')).toContainText(/\d{4}-\d{6}/);
  await ct.context.close();
});
