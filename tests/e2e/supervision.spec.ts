import { expect, type Page, test } from '@playwright/test';
import {
  accessibilityViolations,
  codesOnScreen,
  cookieHeader,
  loggedIn,
  lookAt,
  VARIANTS,
} from './pages/screens';

// The supervisor's screens: statistics with charts and the heat map, the audit trail, replay of an
// incident on the map, and administration — in Slovenian and English, light and dark.

/** An incident worked from call to scene over the API: created, assigned, acknowledged, driven, on scene. */
async function workedIncident(
  browser: import('@playwright/test').Browser,
  request: import('@playwright/test').APIRequestContext,
) {
  const disp = await loggedIn(browser, 'dispatcher');
  const cookie = await cookieHeader(disp.context);
  const tag = Date.now().toString(36);
  const inc = await (
    await request.post('/api/incidents', {
      headers: { cookie },
      data: {
        type: 'fire_building',
        priority: 'red',
        description: `Požar v kleti ${tag}`,
        location: { lat: 46.0569, lon: 14.5058, address: 'Slovenska cesta 1, Ljubljana' },
        callStartedAt: new Date(Date.now() - 45_000).toISOString(),
      },
    })
  ).json();
  const units = await (await request.get('/api/units', { headers: { cookie } })).json();
  // Any free fire unit (the suite may run again on the same database).
  const unit = units.find(
    (u: { agency: string; status: string }) => u.agency === 'fire' && u.status === 'available',
  );
  const a = await (
    await request.post(`/api/incidents/${inc.id}/assignments`, {
      headers: { cookie },
      data: { unitId: unit.id },
    })
  ).json();
  await request.post(`/api/alerts/${a.alertId}/ack`, { headers: { cookie } });
  await request.post(`/api/units/${unit.id}/status`, { headers: { cookie }, data: { status: 'en_route' } });
  for (const [lat, lon] of [
    [46.0545, 14.5125],
    [46.0556, 14.509],
    [46.0566, 14.5062],
  ])
    await request.post(`/api/units/${unit.id}/position`, { headers: { cookie }, data: { lat, lon } });
  await request.post(`/api/units/${unit.id}/status`, { headers: { cookie }, data: { status: 'on_scene' } });
  await request.post(`/api/incidents/${inc.id}/notes`, {
    headers: { cookie },
    data: { text: `Dim iz kleti ${tag}` },
  });
  await disp.context.close();
  return {
    id: inc.id as number,
    number: inc.number as string,
    unit: unit as { id: number; callsign: string },
    tag,
  };
}

for (const v of VARIANTS) {
  test(`statistics, audit and administration screens in ${v.lang}, ${v.theme}`, async ({ browser }) => {
    const sv = await loggedIn(browser, 'supervisor', v);
    const shot = async (page: Page, name: string) => {
      await lookAt(page, `${name}-${v.lang}-${v.theme}`);
      expect(await codesOnScreen(page, v.lang), `${name} in ${v.lang}`).toEqual([]);
      expect(await accessibilityViolations(page), `${name} ${v.lang} ${v.theme}: WCAG 2 AA`).toEqual([]);
    };

    await sv.page.goto('/stats');
    await expect(sv.page.getByTestId('stats-times').locator('tbody tr')).toHaveCount(4);
    await expect(sv.page.getByTestId('stats-total')).toContainText(/\d/);
    for (const c of ['chart-times', 'chart-hours', 'chart-days', 'chart-types'])
      await expect(sv.page.getByTestId(c).locator('canvas')).toBeVisible();
    await expect(sv.page.getByTestId('heat-map').locator('canvas.leaflet-heatmap-layer')).toBeAttached();
    await shot(sv.page, 'stats');

    await sv.page.goto('/audit');
    await expect(sv.page.getByTestId('audit-table').locator('tbody tr').first()).toBeVisible();
    await expect(sv.page.getByTestId('chain-protection')).toContainText('cad112_app');
    await sv.page.getByTestId('chain-verify').click();
    await expect(sv.page.getByTestId('chain-result')).toHaveAttribute('data-intact', 'true');
    await shot(sv.page, 'audit');

    await sv.page.goto('/admin');
    await expect(sv.page.getByTestId('users-table').locator('tr[data-username="dispatcher"]')).toBeVisible();
    await shot(sv.page, 'admin-users');
    await sv.page.getByTestId('tab-stations').click();
    await sv.page.getByTestId('edit-station-GB-LJ').click();
    await expect(sv.page.getByTestId('station-code')).toHaveValue('GB-LJ');
    await shot(sv.page, 'admin-stations');
    await sv.page.getByTestId('tab-types').click();
    await sv.page.getByTestId('types-list').getByRole('button').first().click();
    await expect(sv.page.locator('.question-edit').first()).toBeVisible();
    await shot(sv.page, 'admin-types');
    await sv.context.close();
  });
}

test('statistics follow the filters and export CSV', async ({ browser, request }) => {
  await workedIncident(browser, request);
  const sv = await loggedIn(browser, 'supervisor');
  await sv.page.goto('/stats');
  const times = sv.page.getByTestId('stats-times');
  await expect(times.locator('tr[data-metric="alerted_to_ack"] td').nth(1)).not.toHaveText('0');
  await sv.page.getByTestId('stats-agency').selectOption('mountain_rescue');
  await sv.page.getByTestId('stats-priority').selectOption('green');
  await expect(sv.page.getByTestId('stats-total')).toContainText(/Dogodkov: \d+/);
  const href = await sv.page.getByTestId('stats-csv').getAttribute('href');
  expect(href).toContain('agency=mountain_rescue');
  expect(href).toContain('format=csv');
  const csv = await request.get(href ?? '', { headers: { cookie: await cookieHeader(sv.context) } });
  expect(csv.headers()['content-type']).toMatch(/text\/csv/);
  expect(await csv.text()).toContain('agency,mountain_rescue');
  await sv.context.close();
});

test('the audit trail finds an incident’s story by its number and shows what each entry changed', async ({
  browser,
  request,
}) => {
  const inc = await workedIncident(browser, request);
  const sv = await loggedIn(browser, 'supervisor', { lang: 'en' });
  await sv.page.goto('/audit');
  await sv.page.getByTestId('audit-incident').fill(inc.number);
  const rows = sv.page.getByTestId('audit-table').locator('tbody tr[data-type]');
  await expect(rows.last()).toHaveAttribute('data-type', 'incident.created');
  const note = sv.page.locator('tr[data-type="incident.note_added"]').filter({ hasText: 'Dim iz kleti' });
  // The entry's kind in words (no event codes on the screen), and what the note said, by whom.
  await expect(note).toContainText('Note');
  await expect(note).toContainText(`Marko Horvat · Dim iz kleti ${inc.tag}`);
  await sv.page.getByTestId('audit-user').fill('nobody-at-all');
  await expect(sv.page.getByText('No entries for this filter.')).toBeVisible();
  await sv.page.getByTestId('audit-user').fill('dispatcher');
  await expect(rows.first()).toBeVisible();
  await note.getByRole('button').click();
  await expect(sv.page.locator('.audit-json')).toContainText('"text"');
  await lookAt(sv.page, 'audit-incident-en-light');
  await sv.context.close();
});

test('the supervisor verifies the log’s chain and writes an anchor, from the keyboard', async ({
  browser,
}) => {
  const sv = await loggedIn(browser, 'supervisor');
  await sv.page.goto('/audit');
  await expect(sv.page.getByTestId('chain-protection')).toContainText('lahko samo dodaja');
  await sv.page.getByTestId('chain-anchor').focus();
  await sv.page.keyboard.press('Enter');
  await expect(
    sv.page.getByText(/Sidro zapisano: zapis #\d+\. datoteka .*e2e-anchors\.jsonl: zapisano/),
  ).toBeVisible();
  await expect(sv.page.getByTestId('chain-panel')).toContainText('Zadnje sidro');
  await sv.page.getByTestId('chain-verify').focus();
  await sv.page.keyboard.press('Enter');
  const result = sv.page.getByTestId('chain-result');
  await expect(result).toHaveAttribute('data-intact', 'true');
  await expect(result).toContainText(
    /Veriga je neprekinjena: preverjenih zapisov [\d.]+, ujemajočih se sider [1-9]/,
  );
  await lookAt(sv.page, 'audit-chain-sl-light');
  await sv.context.close();
});

test('replay plays an incident back on the map: the unit drives in, statuses and notes appear in time', async ({
  browser,
  request,
}) => {
  const inc = await workedIncident(browser, request);
  const disp = await loggedIn(browser, 'dispatcher');
  await disp.page.goto('/dispatch');
  await disp.page
    .getByTestId('board')
    .getByRole('option', { name: new RegExp(inc.number) })
    .click();
  await expect(disp.page.getByTestId('detail-replay')).toHaveAttribute('href', `/replay/${inc.id}`);
  await disp.context.close();

  const sv = await loggedIn(browser, 'supervisor');
  await sv.page.goto(`/replay/${inc.id}`);
  const map = sv.page.getByTestId('replay-map');
  // At the start: the incident alone, no unit on it yet.
  await expect(map.locator('.marker-incident')).toHaveCount(1);
  await expect(sv.page.getByTestId('replay-assignments').locator('li')).toHaveCount(0);
  await sv.page.getByTestId('replay-speed').selectOption('300');
  await sv.page.getByTestId('replay-play').click();
  await expect(sv.page.getByTestId('replay-assignments').locator('li')).toHaveAttribute(
    'data-status',
    'on_scene',
  );
  // The note with its author's name, as the producer wrote it.
  await expect(sv.page.getByTestId('replay-notes')).toContainText(`Marko Horvat: Dim iz kleti ${inc.tag}`);
  await expect(map.locator('.marker-unit')).toHaveCount(1);
  await expect(map.locator('path.leaflet-interactive')).not.toHaveCount(0);
  await lookAt(sv.page, 'replay-sl-light');
  // The slider is a keyboard control: Home goes back to the start, End to the end.
  const slider = sv.page.getByTestId('replay-slider');
  await slider.focus();
  await sv.page.keyboard.press('Home');
  await expect(sv.page.getByTestId('replay-assignments').locator('li')).toHaveCount(0);
  await sv.page.keyboard.press('End');
  await expect(sv.page.getByTestId('replay-assignments').locator('li')).toHaveAttribute(
    'data-status',
    'on_scene',
  );
  // A click on a log entry jumps there.
  await sv.page.getByTestId('replay-events').locator('li[data-type="alert.acknowledged"] button').click();
  await expect(sv.page.getByTestId('replay-assignments').locator('li')).toHaveAttribute(
    'data-status',
    'acknowledged',
  );
  await sv.context.close();

  const en = await loggedIn(browser, 'supervisor', { lang: 'en', theme: 'dark' });
  await en.page.goto('/replay');
  await en.page.getByTestId('replay-load').click();
  await expect(en.page.getByTestId('replay-events').locator('li').first()).toBeVisible();
  await en.page.getByTestId('replay-slider').focus();
  await en.page.keyboard.press('End');
  await expect(en.page.getByTestId('replay-map').locator('.marker-incident').first()).toBeVisible();
  await lookAt(en.page, 'replay-window-en-dark');
  await en.context.close();
});

test('a supervisor administers accounts, stations, units, tokens and the knowledge base from the screen', async ({
  browser,
}) => {
  const tag = Date.now().toString(36);
  const sv = await loggedIn(browser, 'supervisor');
  const p = sv.page;
  await p.goto('/admin');

  // An account: a short password is refused beside its field, then the account is made.
  await p.getByTestId('user-username').fill(`operater-${tag}`);
  await p.getByTestId('user-name').fill('Operater Test');
  await p.getByTestId('user-role').selectOption('dispatcher');
  await p.getByTestId('user-password').fill('kratko');
  await p.getByTestId('user-save').click();
  await expect(p.locator('label.admin-field.invalid')).toContainText('at least 10 characters');
  await p.getByTestId('user-password').fill('dovolj-dolgo-geslo');
  await p.getByTestId('user-save').click();
  await expect(p.getByTestId('admin-ok')).toBeVisible();
  await expect(p.locator(`tr[data-username="operater-${tag}"]`)).toBeVisible();
  await p.getByTestId(`toggle-operater-${tag}`).click();
  await expect(p.locator(`tr[data-username="operater-${tag}"]`)).toHaveClass(/disabled/);

  // A station with its service area drawn on the map.
  await p.getByTestId('tab-stations').click();
  await p.getByTestId('station-code').fill(`PGD-T${tag}`.slice(0, 20));
  await p.getByTestId('station-name').fill(`PGD Test ${tag}`);
  const map = p.getByTestId('station-map').locator('.leaflet-container');
  const box = await map.boundingBox();
  if (!box) throw new Error('map not laid out');
  // South-west of the country, where no station stands; somewhere else on each run, so a rerun on the
  // same database does not click on a station an earlier run placed (if it does, it tries elsewhere).
  let cx = 0;
  let cy = 0;
  for (let attempt = 0; attempt < 5; attempt++) {
    cx = 0.1 + Math.random() * 0.22;
    cy = 0.66 + Math.random() * 0.16;
    await p.mouse.click(box.x + box.width * cx, box.y + box.height * cy);
    if ((await p.getByTestId('station-lat').inputValue()) !== '') break;
  }
  await expect(p.getByTestId('station-lat')).not.toHaveValue('');
  await p.getByTestId('mode-area').check();
  // Four vertices around it. A click that lands on another station's area outline or marker adds none:
  // then the next corner further out is tried.
  const vertices = async () =>
    Number(/(\d+)/.exec((await p.getByTestId('area-vertices').allTextContents()).join(' '))?.[1] ?? 0);
  for (const [x, y] of [
    [cx - 0.04, cy - 0.05],
    [cx + 0.04, cy - 0.05],
    [cx + 0.04, cy + 0.05],
    [cx - 0.04, cy + 0.05],
    [cx - 0.06, cy + 0.07],
    [cx + 0.06, cy + 0.07],
    [cx - 0.07, cy - 0.02],
  ] as const) {
    if ((await vertices()) >= 4) break;
    const before = await vertices();
    await p.mouse.click(box.x + box.width * x, box.y + box.height * y);
    await expect
      .poll(vertices, { timeout: 1000 })
      .toBeGreaterThanOrEqual(before)
      .catch(() => {});
  }
  await expect(p.getByTestId('area-vertices')).toContainText('4');
  await p.getByTestId('station-save').click();
  await expect(p.getByTestId('admin-ok')).toBeVisible();
  const row = p
    .getByTestId('stations-table')
    .locator(`tr[data-code="${`PGD-T${tag}`.toUpperCase().slice(0, 20)}"]`);
  await expect(row).toContainText('✓');
  await lookAt(p, 'admin-station-drawn-sl-light');

  // A unit at that station.
  await p.getByTestId('tab-units').click();
  await p.getByTestId('unit-callsign').fill(`PGD-T${tag}-11`.slice(0, 30));
  await p.getByTestId('unit-type').fill('GVC 16/25');
  await p.getByTestId('unit-capabilities').fill('fire, water');
  await p
    .getByTestId('unit-station')
    .selectOption({ label: `${`PGD-T${tag}`.toUpperCase().slice(0, 20)} PGD Test ${tag}` });
  await p.getByTestId('unit-save').click();
  await expect(p.getByTestId('admin-ok')).toBeVisible();

  // A token: the secret is shown once.
  await p.getByTestId('tab-tokens').click();
  await p.getByTestId('token-name').fill(`pozivnik-${tag}`);
  await p.getByTestId('token-role').selectOption('dispatcher');
  await p.getByTestId('token-create').click();
  await expect(p.getByTestId('token-secret').locator('code')).toHaveText(/^cad_/);
  await lookAt(p, 'admin-token-sl-light');
  p.once('dialog', (d) => void d.accept());
  await p.getByTestId(`revoke-pozivnik-${tag}`).click();
  await expect(p.getByTestId('tokens-table').locator(`tr[data-name="pozivnik-${tag}"]`)).toHaveClass(
    /disabled/,
  );

  // A knowledge-base article, found by the call-taker afterwards.
  await p.getByTestId('tab-kb').click();
  await p.getByTestId('kb-slug').fill(`test-${tag}`);
  await p.getByTestId('kb-title-sl').fill(`Poplava kleti ${tag}`);
  await p.getByTestId('kb-title-en').fill(`Flooded cellar ${tag}`);
  await p.getByTestId('kb-body-sl').fill('Izklopite elektriko.');
  await p.getByTestId('kb-body-en').fill('Switch off the power.');
  await p.getByTestId('kb-save').click();
  await expect(p.getByTestId('kb-list')).toContainText(`Poplava kleti ${tag}`);
  await sv.context.close();
});
