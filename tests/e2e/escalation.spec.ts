import { expect, test } from '@playwright/test';
import pg from 'pg';
import { E2E_DATABASE_URL } from '../helpers/env';
import { cookieHeader, DispatcherPage, loggedIn, lookAt, StationPage, waitLive } from './pages/screens';

// Three people: the dispatcher sends the recommended units to a crash with a trapped driver; the fire
// station acknowledges at once, the ambulance station does not, and is escalated on the dispatcher's
// screen until it is alerted again and acknowledges.
test('one station acknowledges, the other does not and is escalated, then re-alerted', async ({
  browser,
  request,
}) => {
  const disp = await loggedIn(browser, 'dispatcher');
  const fire = await loggedIn(browser, 'station');
  const ems = await loggedIn(browser, 'st-nmp-lj');
  await Promise.all([waitLive(disp.page), waitLive(fire.page), waitLive(ems.page)]);

  const cookie = await cookieHeader(disp.context);
  const inc = await request.post('/api/incidents', {
    headers: { cookie },
    data: {
      type: 'traffic_accident',
      priority: 'red',
      location: { lat: 46.0662, lon: 14.5236, address: 'Dunajska cesta 101, Ljubljana' },
      triage: { answers: { people_trapped: 'yes', injured: 'yes' } },
    },
  });
  const { number } = await inc.json();
  const dispatcher = new DispatcherPage(disp.page);
  await dispatcher.open(number);
  const recs = disp.page.getByTestId('recommendations');
  await expect(recs.getByTestId('rec-GB-LJ-31')).toBeVisible();
  await expect(recs.locator('tbody tr')).toHaveCount(2);
  await disp.page.keyboard.press('r');
  await expect(disp.page.getByTestId('assigned').locator('tr.assigned-row')).toHaveCount(2);
  const emsCallsign = (await disp.page.getByTestId('assigned').locator('tr.assigned-row').allTextContents())
    .find((t) => t.startsWith('NMP-LJ'))
    ?.slice(0, 9);
  expect(emsCallsign).toMatch(/^NMP-LJ-0\d$/);

  // The fire station acknowledges; the ambulance station's alarm rings unanswered.
  await new StationPage(fire.page).acknowledge();
  await expect(dispatcher.alertChip('GB-LJ-31')).toHaveAttribute('data-alert', 'acknowledged');
  await expect(new StationPage(ems.page).alarm).toBeVisible();

  // A minute passes (the alert's clock is moved back instead of waiting).
  const db = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await db.connect();
  await db.query(
    `update alerts set sent_at = sent_at - interval '2 minutes' where acknowledged_at is null and unit_id = (select id from units where callsign = $1)`,
    [emsCallsign],
  );
  await db.end();
  await expect(disp.page.getByTestId('escalated')).toContainText(`${emsCallsign} · ${number}`);
  await expect(dispatcher.alertChip(emsCallsign as string)).toHaveAttribute('data-alert', 'escalated');
  await lookAt(disp.page, 'dispatch-escalated-sl-light');

  await disp.page.keyboard.press('a');
  await expect(disp.page.getByTestId('escalated')).toBeHidden();
  await expect(new StationPage(ems.page).alarm).toBeVisible();
  await new StationPage(ems.page).acknowledge();
  await expect(dispatcher.alertChip(emsCallsign as string)).toHaveAttribute('data-alert', 'acknowledged');
  for (const c of [disp, fire, ems]) await c.context.close();
});
