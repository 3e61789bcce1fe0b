import { expect, test } from '@playwright/test';
import { cookieHeader, loggedIn, lookAt, VARIANTS, waitLive } from './pages/screens';

// Issue 20's story: ReCO Koper is evacuated; its supervisor hands the region to ReCO Nova Gorica from
// the national picture (keyboard only); Nova Gorica's dispatcher sees Koper's incident on their own
// board and dispatches it; Koper takes its region back and the incident — with its unit — is on
// Koper's board again.
test('Koper is evacuated, Nova Gorica takes its region and dispatches a Koper incident, Koper takes it back', async ({
  browser,
  request,
}) => {
  // Four people and the screens in two languages and two themes.
  test.setTimeout(180_000);
  const kpSup = await loggedIn(browser, 'supervisor-kp');
  const ngDisp = await loggedIn(browser, 'dispatcher-ng');
  const kpDisp = await loggedIn(browser, 'dispatcher-kp');
  await ngDisp.page.goto('/dispatch');
  await kpDisp.page.goto('/dispatch');
  await Promise.all([waitLive(ngDisp.page), waitLive(kpDisp.page)]);
  // Any take-over an earlier story left is ended first (the national duty officer's API).
  const kpCookie = await cookieHeader(kpSup.context);
  const centres = (await (await request.get('/api/centres', { headers: { cookie: kpCookie } })).json()) as {
    id: number;
    code: string;
    takeover: unknown;
  }[];
  const kp = centres.find((c) => c.code === 'KP');
  if (!kp) throw new Error('no ReCO Koper');
  if (kp.takeover)
    await request.post(`/api/centres/${kp.id}/takeover/end`, { headers: { cookie: kpCookie } });

  // A fire in Koper, logged by Koper's call-taker before the evacuation.
  const ct = await loggedIn(browser, 'calltaker-kp');
  const inc = await request.post('/api/incidents', {
    headers: { cookie: await cookieHeader(ct.context) },
    data: {
      type: 'fire_building',
      priority: 'red',
      description: 'Gori skladišče v pristanišču',
      location: { lat: 45.5469, lon: 13.7294, address: 'Pristaniška ulica 3, Koper' },
    },
  });
  expect(inc.status()).toBe(201);
  const { number } = (await inc.json()) as { number: string };
  await expect(kpDisp.page.getByTestId(`board-${number}`)).toBeVisible();
  // Nova Gorica's board shows its own region: not Koper's fire.
  await expect(ngDisp.page.getByTestId(`board-${number}`)).toHaveCount(0);

  // The evacuation: Koper's supervisor opens the national picture and starts the take-over.
  const sp = kpSup.page;
  await sp.goto('/centres');
  await waitLive(sp);
  await expect(sp.getByTestId('state-KP')).toHaveText('sam');
  await sp.getByTestId('start-KP').focus();
  await sp.keyboard.press('Enter');
  const form = sp.getByTestId('takeover-form');
  await expect(form.getByTestId('takeover-partner')).toBeFocused();
  await expect(form.getByTestId('takeover-partner').locator('option:checked')).toHaveText('ReCO Nova Gorica');
  await sp.keyboard.press('Tab');
  await expect(form.getByTestId('takeover-reason').locator('option:checked')).toHaveText('evakuacija centra');
  await sp.keyboard.press('Tab');
  await sp.keyboard.type('Požarni alarm v stavbi centra');
  await sp.keyboard.press('Enter');
  await expect(sp.getByTestId('state-KP')).toContainText('prevzel ReCO Nova Gorica (evakuacija centra');
  await expect(sp.getByTestId('centre-banner')).toContainText(
    'Klice in nove dogodke ReCO Koper sprejema ReCO Nova Gorica (evakuacija centra)',
  );

  // Nova Gorica: the banner, and Koper's fire on its own board.
  const np = ngDisp.page;
  await expect(np.getByTestId('centre-banner')).toContainText('Vaš center vodi tudi regijo ReCO Koper.');
  await np.getByTestId(`board-${number}`).click();
  await expect(np.getByTestId('incident-centre')).toHaveText('ReCO Koper');
  const firstNear = np
    .getByTestId('near-units')
    .locator('tbody tr')
    .filter({ has: np.locator('button:enabled') })
    .first();
  const callsign = ((await firstNear.getAttribute('data-testid')) ?? '').replace(/^near-/, '');
  await firstNear.getByRole('button').click();
  await expect(np.getByTestId('assigned').getByTestId(`chip-${callsign}`)).toBeVisible();

  for (const v of VARIANTS) {
    const look = await loggedIn(browser, 'dispatcher-ng', v);
    await look.page.goto('/dispatch');
    await waitLive(look.page);
    await look.page.getByTestId(`board-${number}`).click();
    await expect(look.page.getByTestId('incident-centre')).toBeVisible();
    await lookAt(look.page, `dispatch-takeover-${v.lang}-${v.theme}`);
    await look.page.goto('/centres');
    await expect(look.page.getByTestId('state-KP')).toContainText(
      v.lang === 'sl' ? 'prevzel' : 'taken over by',
    );
    await lookAt(look.page, `centres-${v.lang}-${v.theme}`);
    await look.context.close();
  }

  // Koper takes its region back: one action, confirmed.
  sp.once('dialog', (d) => void d.accept());
  await sp.getByTestId('end-KP').focus();
  await sp.keyboard.press('Enter');
  await expect(sp.getByTestId('state-KP')).toHaveText('sam');
  await expect(sp.getByTestId('centre-banner')).toHaveCount(0);
  await expect(np.getByTestId('centre-banner')).toHaveCount(0);
  await expect(np.getByTestId(`board-${number}`)).toHaveCount(0);
  // Koper's dispatcher has the fire, with the unit Nova Gorica sent.
  const kd = kpDisp.page;
  await kd.getByTestId(`board-${number}`).click();
  await expect(kd.getByTestId('assigned').getByTestId(`chip-${callsign}`)).toBeVisible();
  // W widens Nova Gorica's board to the whole country: the fire is there, still Koper's.
  await np.keyboard.press('w');
  await expect(np.getByTestId(`board-${number}`)).toBeVisible();
  await np.keyboard.press('w');

  for (const c of [kpSup, ngDisp, kpDisp, ct]) await c.context.close();
});

test('a dispatcher hands an incident to another centre; that centre takes it over from its board', async ({
  browser,
  request,
}) => {
  const lj = await loggedIn(browser, 'dispatcher');
  const kp = await loggedIn(browser, 'dispatcher-kp');
  await Promise.all([waitLive(lj.page), waitLive(kp.page)]);
  const inc = await request.post('/api/incidents', {
    headers: { cookie: await cookieHeader(lj.context) },
    data: {
      type: 'traffic_accident',
      priority: 'yellow',
      description: 'Kombi obstal na AC A1 pri Razdrtem, voznik sporoča iz Kopra',
      location: { lat: 46.0511, lon: 14.5051, address: 'Ljubljana' },
    },
  });
  const { number } = (await inc.json()) as { number: string };
  await lj.page.getByTestId(`board-${number}`).click();
  const box = lj.page.getByTestId('centre-transfer');
  await expect(box.getByTestId('incident-centre')).toHaveText('ReCO Ljubljana');
  await box.getByTestId('transfer-centre').selectOption({ label: 'ReCO Koper' });
  await box.getByTestId('transfer-reason').fill('Voznik je na Primorskem, klic je prišel iz Kopra');
  await box.getByTestId('transfer-reason').press('Enter');
  await expect(box.getByTestId('transfer-pending')).toContainText(
    'Predaja centru ReCO Koper čaka na potrditev',
  );
  const incoming = kp.page.getByTestId('incoming-transfers');
  await expect(incoming).toContainText(number);
  await incoming.getByTestId(`accept-transfer-${number}`).click();
  await expect(incoming).toHaveCount(0);
  await expect(kp.page.getByTestId(`board-${number}`)).toBeVisible();
  await expect(lj.page.getByTestId(`board-${number}`)).toHaveCount(0);
  await lj.context.close();
  await kp.context.close();
});
