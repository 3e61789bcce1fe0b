import { expect, test } from '@playwright/test';
import { AML_GOOD, amlSms } from '../helpers/aml';
import { cookieHeader, loggedIn, lookAt, VARIANTS, waitLive } from './pages/screens';

// What partners' devices send, as the call-taker sees it: an AML fix stored with its doubts named in
// the screen's language, and an eCall whose car knew no position waiting for the location — taken
// into the call form from the keyboard, saved with the location learned on the call, and attached.

const TEXT = {
  sl: {
    waiting: 'eCall brez lokacije',
    take: 'Odpri v obrazcu',
    doubt: 'navedena dolžina sporočila se ne ujema z dejansko',
    car: 'avtobus (M3)',
  },
  en: {
    waiting: 'eCall without a location',
    take: 'Open in the form',
    doubt: 'the stated message length differs from the actual one',
    car: 'bus or coach (M3)',
  },
};

for (const v of VARIANTS) {
  test(`partner messages on the call-taker's screen in ${v.lang}, ${v.theme}`, async ({ browser }) => {
    const ct = await loggedIn(browser, 'calltaker', v);
    const page = ct.page;
    await waitLive(page);
    const cookie = await cookieHeader(ct.context);
    const run = Date.now() % 100000;
    const phone = `+3864190${String(run).padStart(5, '0')}`;

    // An AML SMS whose ml= is wrong: stored, and the doubt shown beside the device location.
    const aml = amlSms({ ...AML_GOOD, lt: '+46.23900', lg: '+014.35560' }).replace(/ml=\d+$/, 'ml=99');
    const stored = await page.request.post(`/api/aml?from=${encodeURIComponent(phone)}`, {
      headers: { cookie, 'content-type': 'text/plain' },
      data: aml,
    });
    expect(stored.status()).toBe(201);
    await page.locator('#phone').fill(phone);
    await expect(page.getByTestId('device-doubts')).toContainText(TEXT[v.lang].doubt);

    // A bus's eCall without a position (the standard's "not available").
    const ecall = await page.request.post('/api/ecall', {
      headers: { cookie, 'content-type': 'application/json' },
      data: {
        messageIdentifier: run % 256,
        control: {
          automaticActivation: true,
          testCall: false,
          positionCanBeTrusted: false,
          vehicleType: 'busesAndCoachesClassM3',
        },
        vehicleIdentificationNumber: 'WVWZZZ1JZXW000123',
        timestamp: Math.floor(Date.now() / 1000) - 20,
        vehicleLocation: { positionLatitude: 2147483647, positionLongitude: 2147483647 },
        numberOfPassengers: 31,
        callbackNumber: '+38641000888',
      },
    });
    expect(ecall.status()).toBe(201);
    const { ecallId } = await ecall.json();
    const waiting = page.getByTestId('ecall-waiting');
    await expect(waiting).toContainText(TEXT[v.lang].waiting);
    await expect(page.getByTestId(`ecall-${ecallId}`)).toContainText(TEXT[v.lang].car);
    await lookAt(page, `partner-messages-${v.lang}-${v.theme}`);
    await waiting.scrollIntoViewIfNeeded();
    await waiting.screenshot({ path: `screenshots/partner-messages-ecall-${v.lang}-${v.theme}.png` });

    // From the keyboard: focus the button, Enter; the form is filled; the location is typed; saved.
    const take = page.getByTestId(`take-ecall-${ecallId}`);
    await take.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('from-message')).toContainText('VIN WVWZZZ1JZXW000123');
    await expect(page.locator('#phone')).toHaveValue('+38641000888');
    await expect(page.locator('#type')).toHaveValue('traffic_accident');
    await page.locator('#coords').fill('46.2390, 14.3556');
    await page.locator('#address').fill('AC A2, Kranj vzhod');
    await page.locator('#address').press('Enter');
    await expect(page.getByTestId('notice')).toContainText(/\d{4}-\d{6}/);
    await expect(page.getByTestId(`ecall-${ecallId}`)).toHaveCount(0);
    const linked = await page.request.get(`/api/ecall/${ecallId}`, { headers: { cookie } });
    expect((await linked.json()).incidentId).toBeGreaterThan(0);
    await ct.context.close();
  });
}
