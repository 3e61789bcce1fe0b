import { expect, test } from '@playwright/test';
import { AML_GOOD, amlSms } from '../helpers/aml';
import {
  accessibilityViolations,
  codesOnScreen,
  cookieHeader,
  loggedIn,
  VARIANTS,
  waitLive,
} from './pages/screens';

// Every screen in Slovenian and English, light and dark, saved to screenshots/ for people to look at.

const TEXT = {
  sl: {
    login: 'Prijavi se',
    call: 'Nov dogodek',
    board: 'Odprti dogodki',
    units: 'Naše enote',
    ack: 'POTRDI PREJEM',
  },
  en: {
    login: 'Sign in',
    call: 'New incident',
    board: 'Open incidents',
    units: 'Our units',
    ack: 'ACKNOWLEDGE',
  },
};

for (const v of VARIANTS) {
  test(`screens in ${v.lang}, ${v.theme}`, async ({ browser, request }) => {
    // Each screen is saved for people to look at, and read for codes that should have been words.
    const shot = async (page: import('@playwright/test').Page, name: string) => {
      await page.screenshot({ path: `screenshots/${name}-${v.lang}-${v.theme}.png` });
      expect(await codesOnScreen(page, v.lang), `${name} in ${v.lang}`).toEqual([]);
      expect(await accessibilityViolations(page), `${name} ${v.lang} ${v.theme}: WCAG 2 AA`).toEqual([]);
    };

    const anon = await browser.newContext();
    await anon.addCookies([
      { name: 'lang', value: v.lang, url: 'http://127.0.0.1:3200' },
      { name: 'theme', value: v.theme, url: 'http://127.0.0.1:3200' },
    ]);
    const lp = await anon.newPage();
    await lp.goto('/login');
    await expect(lp.getByRole('button', { name: TEXT[v.lang].login })).toBeVisible();
    await shot(lp, 'login');
    await anon.close();

    const ct = await loggedIn(browser, 'calltaker', v);
    await waitLive(ct.page);
    await expect(ct.page.getByRole('heading', { name: TEXT[v.lang].call })).toBeVisible();
    const ctCookie = await cookieHeader(ct.context);
    await request.post('/api/aml?from=%2B38631222333', {
      headers: { cookie: ctCookie, 'content-type': 'text/plain' },
      data: amlSms({ ...AML_GOOD, lt: '+46.05200', lg: '+014.50700', rd: '35' }),
    });
    await ct.page.locator('#phone').fill('031 222 333');
    await expect(ct.page.getByTestId('device-fix')).toContainText('±35 m');
    await ct.page.locator('#coords').fill(`46°03'05"N 14°30'22"E`);
    await expect(ct.page.getByTestId('resolved-position')).toBeVisible();
    await shot(ct.page, 'call');

    const disp = await loggedIn(browser, 'dispatcher', v);
    await waitLive(disp.page);
    await expect(disp.page.getByText(TEXT[v.lang].board)).toBeVisible();
    await disp.page.getByTestId('board').getByRole('option').first().click();
    await expect(disp.page.getByTestId('near-units').locator('tbody tr').first()).toBeVisible();
    await shot(disp.page, 'dispatch');
    await disp.page.keyboard.press('b');
    await expect(disp.page.getByTestId('units-board')).toBeVisible();
    await shot(disp.page, 'dispatch-units');
    await disp.page.keyboard.press('b');

    // An alarm for GRS Kranjska Gora, so the station screen shows it full-screen.
    const cookies = await cookieHeader(disp.context);
    const inc = await request.post('/api/incidents', {
      headers: { cookie: cookies },
      data: {
        type: 'mountain_accident',
        priority: 'red',
        description:
          v.lang === 'sl'
            ? 'Plezalec padel v steni, poškodba glave.'
            : 'Climber fell on the face, head injury.',
        location: { lat: 46.4445, lon: 13.7745, accuracyM: 40, address: 'Prisojnik, Kranjska Gora' },
        caller: { phone: '+38641999888', name: 'Jure Kos' },
      },
    });
    const units = await (await request.get('/api/units', { headers: { cookie: cookies } })).json();
    const free = units.find(
      (u: { callsign: string; status: string }) =>
        u.callsign.startsWith('GRS-KG') && u.status === 'available',
    );
    await request.post(`/api/incidents/${(await inc.json()).id}/assignments`, {
      headers: { cookie: cookies },
      data: { unitId: free.id },
    });

    const st = await loggedIn(browser, 'st-grs-kg', v);
    await expect(st.page.getByTestId('alarm')).toBeVisible();
    await expect(st.page.getByRole('button', { name: TEXT[v.lang].ack })).toBeVisible();
    await expect(st.page.getByTestId('alarm-map').locator('.marker-incident')).toBeVisible();
    await shot(st.page, 'station-alarm');
    await st.page.getByTestId('ack').click();
    await expect(st.page.getByText(TEXT[v.lang].units)).toBeVisible();
    await shot(st.page, 'station');
    // Back to available for the next variant.
    await request.post(`/api/units/${free.id}/status`, {
      headers: { cookie: cookies },
      data: { status: 'available' },
    });

    for (const c of [ct, disp, st]) await c.context.close();
  });
}

test('the station screen on a tablet in portrait: alarm and status buttons fit', async ({
  browser,
  request,
}) => {
  const disp = await loggedIn(browser, 'dispatcher');
  const cookie = await cookieHeader(disp.context);
  const inc = await request.post('/api/incidents', {
    headers: { cookie },
    data: {
      type: 'storm_damage',
      priority: 'green',
      location: { lat: 46.5103, lon: 15.0806, address: 'Slovenj Gradec, Glavni trg' },
    },
  });
  const units = await (await request.get('/api/units', { headers: { cookie } })).json();
  const unit = units.find((u: { callsign: string }) => u.callsign === 'PGD-SG-11');
  await request.post(`/api/incidents/${(await inc.json()).id}/assignments`, {
    headers: { cookie },
    data: { unitId: unit.id },
  });
  const st = await loggedIn(browser, 'st-pgd-sg');
  await st.page.setViewportSize({ width: 800, height: 1200 });
  await expect(st.page.getByTestId('alarm')).toBeVisible();
  await expect(st.page.getByTestId('ack')).toBeInViewport();
  await st.page.screenshot({ path: 'screenshots/station-alarm-tablet-sl-light.png' });
  await st.page.getByTestId('ack').click();
  await expect(
    st.page.getByTestId('unit-PGD-SG-11').getByRole('button', { name: 'na poti' }),
  ).toBeInViewport();
  await st.page.screenshot({ path: 'screenshots/station-tablet-sl-light.png' });
  await disp.context.close();
  await st.context.close();
});
