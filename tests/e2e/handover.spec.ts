import { expect, test } from '@playwright/test';
import { cookieHeader, DispatcherPage, loggedIn, waitLive } from './pages/screens';

// The dispatcher hands a burglary over to the police; the police's screen shows it and acknowledges.
test('dispatcher hands an incident to police 113; the police acknowledge; the dispatcher sees it', async ({
  browser,
  request,
}) => {
  const disp = await loggedIn(browser, 'dispatcher');
  const police = await loggedIn(browser, 'st-pu-lj');
  await Promise.all([waitLive(disp.page), waitLive(police.page)]);
  const cookie = await cookieHeader(disp.context);
  const inc = await request.post('/api/incidents', {
    headers: { cookie },
    data: {
      type: 'other',
      priority: 'green',
      description: 'Vlom v trgovino, storilec pobegnil',
      location: { lat: 46.05, lon: 14.51, address: 'Čopova ulica 14, Ljubljana' },
    },
  });
  const { number } = await inc.json();

  const dispatcher = new DispatcherPage(disp.page);
  await dispatcher.open(number);
  const panel = disp.page.getByTestId('handover');
  await panel.getByRole('combobox', { name: 'Služba' }).selectOption('PU-LJ');
  await panel.getByRole('textbox', { name: 'Razlog predaje' }).fill('Kaznivo dejanje – pristojna policija');
  await panel.getByRole('button', { name: 'Predaj' }).click();
  await expect(panel.getByTestId('handover-PU-LJ')).toContainText('čaka potrditev');

  const list = police.page.getByTestId('handovers');
  await expect(list).toContainText(number);
  await expect(list).toContainText('Kaznivo dejanje – pristojna policija');
  await list.getByTestId('ack-handover').first().click();
  await expect(panel.getByTestId('handover-PU-LJ')).toContainText('prevzeto');
  await disp.context.close();
  await police.context.close();
});
