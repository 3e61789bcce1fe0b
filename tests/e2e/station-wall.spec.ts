import { expect, test } from '@playwright/test';
import pg from 'pg';
import { E2E_DATABASE_URL } from '../helpers/env';
import { cookieHeader, loggedIn, lookAt, waitLive } from './pages/screens';

// The station's screen is a tablet on a wall: it must say at once when it cannot ring, install as an
// app, and show its own units apart from other stations' units on the same incident. The centre's
// top bar counts new written messages.

const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 3200}`;

/**
 * Browsers keep Web Audio suspended until the page has had a user gesture. Chromium under automation
 * never does (checked here headless and headed under Xvfb, with every --autoplay-policy), so the test
 * applies that policy itself: an AudioContext starts suspended and resumes only after a real (trusted)
 * touch or key press on this document.
 */
const AUTOPLAY_POLICY = () => {
  let activated = false;
  const mark = (e: Event) => {
    if (e.isTrusted) activated = true;
  };
  window.addEventListener('pointerdown', mark, true);
  window.addEventListener('keydown', mark, true);
  const Real = window.AudioContext;
  class PolicyAudioContext extends Real {
    constructor(options?: AudioContextOptions) {
      super(options);
      if (!activated) void super.suspend();
    }
    override resume(): Promise<void> {
      return activated ? super.resume() : new Promise<void>(() => {});
    }
  }
  window.AudioContext = PolicyAudioContext;
};

/** Earlier stories may have left a station's units alerted (a far unit of a recommended set). */
async function clearStation(code: string) {
  const db = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await db.connect();
  try {
    await db.query(
      `update alerts set cancelled_at = now()
        where acknowledged_at is null and cancelled_at is null
          and station_id = (select id from stations where code = $1)`,
      [code],
    );
    await db.query(
      `update assignments set status = 'released', released_at = now()
        where released_at is null and unit_id in (select u.id from units u join stations s on s.id = u.station_id where s.code = $1)`,
      [code],
    );
    await db.query(
      `update units set status = 'available' where station_id = (select id from stations where code = $1)`,
      [code],
    );
  } finally {
    await db.end();
  }
}

test('a station screen that may not play sound says so at once, and how to fix it', async ({ browser }) => {
  await clearStation('PGD-BR');
  const st = await loggedIn(browser, 'st-pgd-br');
  await st.context.addInitScript(AUTOPLAY_POLICY);
  await st.page.reload();
  await waitLive(st.page);
  const banner = st.page.getByTestId('sound-blocked');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('ZVOK JE IZKLOPLJEN');
  await lookAt(st.page, 'station-sound-blocked-sl-light');
  await st.page.getByTestId('enable-sound').click();
  await expect(banner).toBeHidden();
  await st.context.close();
});

test('the station app installs: a manifest with icons that load', async ({ request }) => {
  const res = await request.get('/manifest.webmanifest');
  expect(res.status()).toBe(200);
  const manifest = (await res.json()) as {
    start_url: string;
    display: string;
    icons: { src: string; sizes: string }[];
  };
  expect(manifest).toMatchObject({ start_url: '/station', display: 'standalone' });
  expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  for (const icon of manifest.icons) {
    const got = await request.get(icon.src);
    expect(got.status(), icon.src).toBe(200);
    expect(got.headers()['content-type']).toMatch(/^image\//);
  }
  const page = await request.get('/login');
  expect(await page.text()).toContain('rel="manifest" href="/manifest.webmanifest"');
});

test("the station's own units apart from other stations' units on the same incident", async ({
  browser,
  request,
}) => {
  const disp = await loggedIn(browser, 'dispatcher');
  const headers = { cookie: await cookieHeader(disp.context) };
  await clearStation('PGD-BR');
  const db = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await db.connect();
  const free = async (prefix: string) =>
    (
      await db.query(
        `select id, callsign from units where callsign like $1 and status = 'available'
          and id not in (select unit_id from assignments where released_at is null) order by callsign limit 1`,
        [`${prefix}%`],
      )
    ).rows[0] as { id: number; callsign: string };
  const fire = await free('PGD-BR-');
  const ems = await free('NMP-NM-');
  await db.end();
  const inc = await (
    await request.post('/api/incidents', {
      headers,
      data: {
        type: 'traffic_accident',
        priority: 'red',
        location: { lat: 45.9043, lon: 15.5944, address: 'Cesta bratov Milavcev 1, Brežice' },
        triage: { answers: { people_trapped: 'yes', injured: 'yes' } },
      },
    })
  ).json();
  for (const u of [fire, ems])
    expect(
      (
        await request.post(`/api/incidents/${inc.id}/assignments`, { headers, data: { unitId: u.id } })
      ).status(),
    ).toBe(201);

  const st = await loggedIn(browser, 'st-pgd-br');
  await expect(st.page.getByTestId('alarm')).toBeVisible();
  await expect(st.page.getByTestId('alarm').getByTestId('triage-answers')).toBeVisible();
  await st.page.getByTestId('ack').click();
  await expect(st.page.getByTestId(`unit-${fire.callsign}`).getByTestId('unit-incident')).toContainText(
    inc.number,
  );
  await expect(st.page.getByTestId(`unit-${fire.callsign}`).getByTestId('triage-answers')).toBeVisible();
  // The ambulance's status changes reach the fire station, shown apart and without buttons.
  await request.post(`/api/units/${ems.id}/status`, { headers, data: { status: 'en_route' } });
  const other = st.page.getByTestId(`other-${ems.callsign}`);
  await expect(other).toContainText('na poti');
  await expect(other.getByRole('button')).toHaveCount(0);
  await expect(st.page.getByTestId(`unit-${ems.callsign}`)).toHaveCount(0);
  await lookAt(st.page, 'station-other-units-sl-light');

  for (const u of [fire, ems])
    await request.post(`/api/units/${u.id}/status`, { headers, data: { status: 'available' } });
  await st.context.close();
  await disp.context.close();
});

test("new written messages show a count on the centre's top bar, live", async ({ browser, request }) => {
  const disp = await loggedIn(browser, 'dispatcher', { lang: 'en', theme: 'dark' });
  await waitLive(disp.page);
  const before = Number(
    (await disp.page
      .getByTestId('unread-count')
      .textContent({ timeout: 2000 })
      .catch(() => '0')) ?? 0,
  );
  const cookie = await cookieHeader(disp.context);
  const sms = await request.post('/api/sms/inbound', {
    headers: { cookie, origin: BASE },
    data: {
      from: `+38640${Date.now().toString().slice(-6)}`,
      to: '112',
      text: 'Pomoč, gori!',
      id: `wall-${Date.now()}`,
    },
  });
  expect(sms.status()).toBe(201);
  await expect(disp.page.getByTestId('unread-count')).toHaveText(String(before + 1));
  await lookAt(disp.page, 'topbar-unread-en-dark');
  await disp.context.close();
});
