import { expect, type Page, test } from '@playwright/test';
import { type Edge, type Phone, placeCall, startEdge, startPhone, withLocation } from '../helpers/telephony';
import { cookieHeader, loggedIn, lookAt, VARIANTS, waitLive } from './pages/screens';

// The 112 call on the call-takers' screens, with real telephony: Kamailio as the centre's SIP edge and
// SIPp as the caller and the positions' phones. A call rings → it waits in the queue on both call-takers'
// screens → Ana's phone answers → her form opens filled → she takes the caller's location, saves the
// incident and transfers the caller to the police → Luka's queue has cleared.

const PORT = Number(process.env.E2E_PORT ?? 3200);
let edge: Edge;
let phones: Phone[] = [];

const LJUBLJANA_CIRCLE = `<?xml version="1.0" encoding="UTF-8"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:gp="urn:ietf:params:xml:ns:pidf:geopriv10"
    xmlns:gml="http://www.opengis.net/gml" xmlns:gs="http://www.opengis.net/pidflo/1.0" entity="pres:caller@esinet.test">
  <tuple id="t1"><status><gp:geopriv><gp:location-info>
    <gs:Circle srsName="urn:ogc:def:crs:EPSG::4326"><gml:pos>46.05690 14.50580</gml:pos>
      <gs:radius uom="urn:ogc:def:uom:EPSG::9001">35</gs:radius></gs:Circle>
  </gp:location-info><gp:usage-rules/><gp:method>GPS</gp:method></gp:geopriv></status></tuple>
</presence>`;

/** Ana sits down at pos-01, Luka at pos-02, each on the call screen, live. */
async function sitDown(ana: { page: Page }, luka: { page: Page }) {
  for (const [who, pos] of [
    [ana, 'pos-01'],
    [luka, 'pos-02'],
  ] as const) {
    await who.page.goto('/call');
    await waitLive(who.page);
    await who.page.getByTestId('my-position').selectOption(pos);
    await expect(who.page.getByTestId('my-position')).toHaveValue(pos);
  }
}

test.beforeAll(async () => {
  edge = await startEdge({ cadUrl: `http://127.0.0.1:${PORT}`, controlPort: PORT + 27 });
  // The phones ring for 4 s before the named position answers: long enough to see the queue.
  phones = [await startPhone(edge, 'pos-01', 4000), await startPhone(edge, 'pos-02', 4000)];
});

// biome-ignore lint/correctness/noEmptyPattern: Playwright's hooks take their fixtures destructured
test.afterEach(async ({}, info) => {
  if (info.status !== info.expectedStatus)
    console.log(`--- the SIP edge's log:\n${edge.output().slice(-6000)}`);
});

test.afterAll(async () => {
  for (const p of phones) p.stop();
  await edge?.stop();
});

test('a 112 call rings, waits on both screens, opens filled where it is answered, is logged and transferred', async ({
  browser,
}) => {
  const ana = await loggedIn(browser, 'calltaker');
  const luka = await loggedIn(browser, 'calltaker2');
  await sitDown(ana, luka);

  const number = `+3864055${String(Date.now()).slice(-5)}`;
  const call = placeCall(edge, {
    from: number,
    ...withLocation(LJUBLJANA_CIRCLE),
    headers: `P-Asserted-Identity: "Janez Novak" <tel:${number}>\nAccept-Language: sl\n${withLocation(LJUBLJANA_CIRCLE).headers}`,
    answerBy: 'pos-01',
    talkMs: 40_000,
  });

  // Ringing: the call waits in the queue on both screens, with its number, location and wait time.
  for (const who of [ana, luka]) {
    const item = who.page.locator(`[data-caller="${number}"]`);
    await expect(item).toBeVisible();
    await expect(item).toContainText('46.05690, 14.50580 ±35 m · krog');
    await expect(item).toContainText('čaka');
  }
  await lookAt(luka.page, 'call-queue-sl-light');

  // Ana's phone answers: her form opens filled, the call's timer runs from the call's arrival.
  const active = ana.page.getByTestId('active-call');
  await expect(active).toContainText(number, { timeout: 15_000 });
  await expect(ana.page.locator('#phone')).toHaveValue(number);
  await expect(ana.page.locator('#name')).toHaveValue('Janez Novak');
  await expect(ana.page.getByTestId('call-timer')).toBeVisible();
  await expect(ana.page.getByTestId('caller-location')).toContainText('D96/TM');
  // The caller's location stays apart until Ana takes it (Alt+N).
  await expect(ana.page.locator('#coords')).toHaveValue('');
  // Luka's queue clears; his form stays empty.
  await expect(luka.page.locator(`[data-caller="${number}"]`)).toHaveCount(0);
  await expect(luka.page.getByTestId('active-call')).toHaveCount(0);
  await expect(luka.page.locator('#phone')).toHaveValue('');
  await lookAt(ana.page, 'call-answered-sl-light');
  // What the network really sent, for a person to read.
  await ana.page.getByTestId('raw-invite').locator('summary').focus();
  await ana.page.keyboard.press('Enter');
  await expect(ana.page.getByTestId('raw-invite')).toContainText('INVITE urn:service:sos SIP/2.0');
  await expect(ana.page.getByTestId('raw-invite')).toContainText('Geolocation: <cid:loc@esinet.test>');

  await ana.page.locator('#phone').press('Alt+n');
  await expect(ana.page.locator('#coords')).toHaveValue('46.05690, 14.50580');
  await expect(ana.page.locator('#accuracy')).toHaveValue('35');
  await ana.page.locator('#type').selectOption('fire_building');
  await ana.page.locator('#address').fill('Prešernov trg 1, Ljubljana');
  await ana.page.locator('#address').press('Enter');
  await expect(ana.page.getByTestId('notice')).toContainText(/\d{4}-\d{6}/);

  // The caller is still on the line: Ana transfers the call to the police, from the keyboard.
  await ana.page.getByTestId('transfer-target').selectOption('PU-LJ');
  await ana.page.getByTestId('transfer-target').press('Tab');
  await ana.page.keyboard.press('Enter');
  await expect(active).toHaveCount(0, { timeout: 15_000 });
  expect(await call.done, call.output()).toBe(0);

  const cookie = await cookieHeader(ana.context);
  const calls = await (await ana.page.request.get('/api/calls?list=recent', { headers: { cookie } })).json();
  const mine = calls.find((c: { caller: string }) => c.caller === number);
  expect(mine).toMatchObject({
    state: 'transferred',
    answeredByPosition: 'pos-01',
    transferredTo: 'sip:113-lj@gw.reco.local',
  });
  expect(mine.incidentId).toEqual(expect.any(Number));
  const incident = await (
    await ana.page.request.get(`/api/incidents/${mine.incidentId}`, { headers: { cookie } })
  ).json();
  expect(incident.callStartedAt).toBe(mine.offeredAt);
  expect(incident.notes.map((n: { kind: string }) => n.kind)).toEqual(
    expect.arrayContaining(['call_linked', 'call_transferred']),
  );
  await ana.context.close();
  await luka.context.close();
});

test('an abandoned call waits in the call-back list; the call-back is recorded from the keyboard', async ({
  browser,
}) => {
  const ana = await loggedIn(browser, 'calltaker');
  await ana.page.goto('/call');
  await waitLive(ana.page);
  const number = `+3864066${String(Date.now()).slice(-5)}`;
  const call = placeCall(edge, {
    from: number,
    ...withLocation(LJUBLJANA_CIRCLE),
    headers: `P-Asserted-Identity: <tel:${number}>\n${withLocation(LJUBLJANA_CIRCLE).headers}`,
    abandonMs: 1000,
  });
  expect(await call.done, call.output()).toBe(0);
  const item = ana.page.getByTestId('callback-list').locator('li', { hasText: number });
  await expect(item).toContainText('klicoči prekinil pred odgovorom');
  await lookAt(ana.page, 'call-callback-sl-light');
  const id = (await item.getAttribute('data-testid'))?.replace('callback-', '');
  await ana.page.getByTestId(`callback-outcome-${id}`).selectOption('reached');
  await ana.page.getByTestId(`callback-outcome-${id}`).press('Tab');
  await ana.page.keyboard.type('Lažni alarm, otrok');
  await ana.page.keyboard.press('Tab');
  await ana.page.keyboard.press('Enter');
  await expect(item.getByTestId('callback-done')).toContainText('dosežen · Lažni alarm, otrok');
  await ana.context.close();
});

for (const v of VARIANTS.filter((x) => !(x.lang === 'sl' && x.theme === 'light'))) {
  test(`the call queue and the call in progress in ${v.lang}, ${v.theme}`, async ({ browser }) => {
    const ana = await loggedIn(browser, 'calltaker', v);
    const luka = await loggedIn(browser, 'calltaker2', v);
    await sitDown(ana, luka);
    const number = `+3864077${String(Date.now()).slice(-5)}`;
    const call = placeCall(edge, {
      from: number,
      ...withLocation(LJUBLJANA_CIRCLE),
      headers: `P-Asserted-Identity: <tel:${number}>\n${withLocation(LJUBLJANA_CIRCLE).headers}`,
      answerBy: 'pos-01',
      talkMs: 1500,
    });
    await expect(luka.page.locator(`[data-caller="${number}"]`)).toBeVisible();
    await lookAt(luka.page, `call-queue-${v.lang}-${v.theme}`);
    await expect(ana.page.getByTestId('active-call')).toContainText(number, { timeout: 15_000 });
    await lookAt(ana.page, `call-answered-${v.lang}-${v.theme}`);
    expect(await call.done).toBe(0);
    await ana.context.close();
    await luka.context.close();
  });
}
