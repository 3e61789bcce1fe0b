import { type Browser, expect, type Page, test } from '@playwright/test';
import type { ParsedMail } from 'mailparser';
import { startSmtpSink } from '../helpers/smtp-sink';
import { cookieHeader, DispatcherPage, loggedIn, lookAt, VARIANTS, waitLive } from './pages/screens';

// The domain databases as their users meet them: a cardiac arrest shows the nearest defibrillator open
// now inside the call-taker's instructions; an orange plate read at a traffic accident gives the
// substance and its isolation distance on the dispatcher's and the crew's screens; the on-call
// electricity distributor is notified by e-mail (through the relay, a real SMTP conversation) and its
// acknowledgement — the officer opening the link — lands on the incident's timeline.

const BASE_PORT = Number(process.env.E2E_PORT ?? 3200);
const RUN = Date.now().toString(36);
// Kobarid: far from the demo data, so the defibrillators found are the ones this story imports.
const KOBARID = { lat: 46.2472, lon: 13.5786 };
// Fixed OpenStreetMap ids: a second run re-imports the same nodes (the import is idempotent).
const OSM_BASE = 980_000_000;

async function asSupervisor(browser: Browser) {
  const sup = await loggedIn(browser, 'supervisor');
  return { ...sup, cookie: await cookieHeader(sup.context) };
}

test('cardiac arrest: the nearest defibrillator open now is in the call-taker’s instructions', async ({
  browser,
  request,
}) => {
  const sup = await asSupervisor(browser);
  // An OpenStreetMap export: a 24/7 AED ~150 m away and a nearer one that is closed.
  const feature = (n: number, dLat: number, tags: Record<string, string>) => ({
    type: 'Feature',
    properties: { '@id': `node/${OSM_BASE + n}`, emergency: 'defibrillator', ...tags },
    geometry: { type: 'Point', coordinates: [KOBARID.lon, KOBARID.lat + dLat] },
  });
  const res = await request.post('/api/domain/import?dataset=aed&format=geojson', {
    headers: { cookie: sup.cookie, 'content-type': 'application/geo+json' },
    data: JSON.stringify({
      type: 'FeatureCollection',
      features: [
        feature(1, 0.00135, {
          name: 'Gasilski dom Kobarid',
          opening_hours: '24/7',
          'defibrillator:location': 'Omarica levo od garažnih vrat',
          indoor: 'no',
        }),
        feature(2, 0.0004, { name: 'Knjižnica Kobarid', opening_hours: 'off', indoor: 'yes' }),
      ],
    }),
  });
  expect((await res.json()).inserted + (await res.json()).updated).toBe(2);
  await sup.context.close();

  const ct = await loggedIn(browser, 'calltaker');
  await waitLive(ct.page);
  await ct.page.locator('#coords').fill(`${KOBARID.lat}, ${KOBARID.lon}`);
  await ct.page.locator('#type').selectOption('cardiac_arrest');
  const aeds = ct.page.getByTestId('kb').getByTestId('aeds');
  await expect(aeds).toContainText('Gasilski dom Kobarid');
  await expect(aeds).toContainText('Omarica levo od garažnih vrat');
  await expect(aeds.locator('ol li').first()).toContainText(/1[45]\d m/);
  await expect(aeds.getByTestId('aeds-unavailable')).toContainText('Knjižnica Kobarid');
  await expect(aeds.getByTestId('aeds-unavailable')).toContainText('zaprt');
  // The CPR instructions are still there beside it.
  await expect(ct.page.getByTestId('kb')).toContainText(/oživljanj|TPO|stisk/i);
  await lookAt(ct.page, 'call-aed-sl-light');
  await ct.context.close();
});

/** Ends a story's incident and releases its units, so the next story finds them available. */
async function cancelIncident(
  request: import('@playwright/test').APIRequestContext,
  cookie: string,
  id: number,
) {
  const inc = await (await request.get(`/api/incidents/${id}`, { headers: { cookie } })).json();
  const res = await request.post(`/api/incidents/${id}/cancel`, {
    headers: { cookie },
    data: { version: inc.version, reason: 'konec preizkusa', releaseUnits: true },
  });
  expect(res.status()).toBe(200);
}

async function hazmatIncident(request: import('@playwright/test').APIRequestContext, cookie: string) {
  const inc = await request.post('/api/incidents', {
    headers: { cookie },
    data: {
      type: 'traffic_accident',
      priority: 'red',
      description: `Prevrnjena cisterna, iz nje teče tekočina ${RUN}`,
      location: { lat: 46.0642, lon: 14.5511, accuracyM: 20, address: 'Šmartinska cesta 152, Ljubljana' },
      caller: { phone: '+38641777666', name: 'Voznik' },
    },
  });
  return (await inc.json()) as { id: number; number: string };
}

test('traffic accident with an orange plate: substance and isolation distance for the dispatcher and the crew', async ({
  browser,
  request,
}) => {
  const disp = await loggedIn(browser, 'dispatcher');
  await waitLive(disp.page);
  const cookie = await cookieHeader(disp.context);
  const inc = await hazmatIncident(request, cookie);
  const dispatcher = new DispatcherPage(disp.page);
  await dispatcher.open(inc.number);

  const form = disp.page.getByTestId('substance-form');
  await form.getByRole('textbox', { name: /oranžna tabla/ }).fill('33/1203');
  await expect(disp.page.getByTestId('substances')).toContainText('zelo vnetljiva tekočina ali plin');
  await form.getByRole('textbox', { name: /oranžna tabla/ }).press('Enter');
  const card = disp.page.getByTestId('substances').getByTestId('substance-1203');
  await expect(card).toContainText('Bencin');
  await expect(card.getByTestId('isolation')).toContainText('50 m');
  await expect(disp.page.getByTestId('timeline')).toContainText('Nevarna snov');
  await lookAt(disp.page, 'dispatch-hazmat-sl-light');

  // The fire brigade is alerted: its alarm shows the plate, the substance and how far to keep away.
  const units = await (await request.get('/api/units', { headers: { cookie } })).json();
  const free = units.find(
    (u: { callsign: string; status: string }) => u.callsign.startsWith('GB-LJ') && u.status === 'available',
  );
  await request.post(`/api/incidents/${inc.id}/assignments`, {
    headers: { cookie },
    data: { unitId: free.id },
  });
  const st = await loggedIn(browser, 'st-gb-lj');
  const alarm = st.page.getByTestId('alarm');
  await expect(alarm).toBeVisible();
  await expect(alarm.getByTestId('substance-1203')).toContainText('Bencin');
  await expect(alarm.getByTestId('isolation')).toContainText('50 m');
  await lookAt(st.page, 'station-alarm-hazmat-sl-light');
  await st.page.getByTestId('ack').click();
  await expect(st.page.getByTestId(`unit-${free.callsign}`).getByTestId('substance-1203')).toContainText(
    '50 m',
  );
  await cancelIncident(request, cookie, inc.id);
  await disp.context.close();
  await st.context.close();
});

test('notify the on-call electricity distributor by e-mail; the officer’s acknowledgement lands on the timeline', async ({
  browser,
  request,
}) => {
  const sink = await startSmtpSink(BASE_PORT + 26);
  const received = sink.received;
  expect(sink.port).toBe(BASE_PORT + 26);
  try {
    const disp = await loggedIn(browser, 'dispatcher');
    await waitLive(disp.page);
    const cookie = await cookieHeader(disp.context);
    const inc = await request.post('/api/incidents', {
      headers: { cookie },
      data: {
        type: 'storm_damage',
        priority: 'yellow',
        description: `Drevo na daljnovodu, žice na cesti ${RUN}`,
        location: { lat: 46.0365, lon: 14.4893, accuracyM: 30, address: 'Cesta v Mestni log 55, Ljubljana' },
      },
    });
    const { id, number } = await inc.json();
    await new DispatcherPage(disp.page).open(number);
    const oncall = disp.page.getByTestId('oncall');
    await expect(oncall).toContainText('Občina: Ljubljana');
    const service = oncall.getByTestId('oncall-EL-LJ');
    await expect(service).toContainText('predlagano za to vrsto dogodka');
    await oncall.getByRole('textbox', { name: 'Sporočilo službi' }).fill('Žice na cestišču, cesta zaprta.');
    await service.getByTestId('notify-EL-LJ-email').click();
    await expect(oncall.getByTestId('notifications')).toContainText('poslano, čaka potrditev');
    await expect(disp.page.getByTestId('timeline')).toContainText('Obveščena dežurna služba');

    await expect.poll(() => received.length).toBe(1);
    const mail = received[0] as ParsedMail;
    expect(mail.subject).toBe(`112: dogodek ${number}`);
    expect(mail.text).toContain('Žice na cestišču, cesta zaprta.');
    const link = /https?:\/\/\S+\/ack\/\S+/.exec(mail.text ?? '')?.[0];
    expect(link).toBeTruthy();

    // The officer opens the link (no account) and acknowledges.
    const officer = await browser.newContext();
    const op = await officer.newPage();
    await op.goto(link as string);
    await expect(op.getByTestId('ack-page')).toContainText(number);
    await lookAt(op, 'ack-sl-light');
    await op.getByTestId('ack-confirm').click();
    await expect(op.getByTestId('ack-done')).toBeVisible();
    await officer.close();

    await expect(oncall.getByTestId('notifications')).toContainText('potrjeno');
    await expect(disp.page.getByTestId('timeline')).toContainText('Dežurna služba potrdila');
    await lookAt(disp.page, 'dispatch-oncall-sl-light');
    await cancelIncident(request, cookie, id);
    await disp.context.close();
  } finally {
    await sink.close();
  }
});

async function openAdminTab(page: Page, tab: string) {
  await page.goto(`/admin#${tab}`);
  await page.getByTestId(`tab-${tab}`).click();
}

for (const v of VARIANTS) {
  test(`domain screens in ${v.lang}, ${v.theme}`, async ({ browser, request }) => {
    const sup = await loggedIn(browser, 'supervisor', v);
    await openAdminTab(sup.page, 'directory');
    await expect(sup.page.getByTestId('dir-list')).toContainText('Elektro Ljubljana');
    await sup.page
      .getByTestId('dir-list')
      .getByRole('button', { name: /Elektro Ljubljana/ })
      .click();
    await expect(sup.page.getByTestId('dir-shifts').locator('tbody tr')).toHaveCount(12);
    await lookAt(sup.page, `admin-directory-${v.lang}-${v.theme}`);
    await openAdminTab(sup.page, 'data');
    await expect(sup.page.getByTestId('data-summary')).toBeVisible();
    await lookAt(sup.page, `admin-data-${v.lang}-${v.theme}`);
    await sup.context.close();

    const disp = await loggedIn(browser, 'dispatcher', v);
    await waitLive(disp.page);
    const cookie = await cookieHeader(disp.context);
    const inc = await hazmatIncident(request, cookie);
    await request.post(`/api/incidents/${inc.id}/substances`, {
      headers: { cookie },
      data: { unNumber: '1017', hazardId: '265' },
    });
    await new DispatcherPage(disp.page).open(inc.number);
    await expect(disp.page.getByTestId('substance-1017')).toBeVisible();
    await expect(disp.page.getByTestId('oncall')).toBeVisible();
    await lookAt(disp.page, `dispatch-domain-${v.lang}-${v.theme}`);
    await cancelIncident(request, cookie, inc.id);
    await disp.context.close();

    const ct = await loggedIn(browser, 'calltaker', v);
    await waitLive(ct.page);
    await ct.page.locator('#coords').fill('46.0569, 14.5058');
    await ct.page.locator('#type').selectOption('cardiac_arrest');
    await expect(ct.page.getByTestId('aeds')).toBeVisible();
    await expect(ct.page.getByTestId('form-place-notes')).toBeVisible();
    await ct.page.locator('#hazmat-lookup').fill('1203');
    await expect(ct.page.getByTestId('hazmat-results')).toContainText('50 m');
    await lookAt(ct.page, `call-domain-${v.lang}-${v.theme}`);
    await ct.context.close();
  });
}
