import { expect, test } from '@playwright/test';
import { createTransport } from 'nodemailer';
import { AML_GOOD, amlSms } from '../helpers/aml';
import { startSmtpSink } from '../helpers/smtp-sink';
import { cookieHeader, loggedIn, lookAt, waitLive } from './pages/screens';

// A deaf caller writes to 112 by e-mail. The call-taker sees it arrive live, takes it, answers it (the
// answer leaves through the relay, threaded), and turns it into an incident from the prefilled form.
const BASE_PORT = Number(process.env.E2E_PORT ?? 3200);
const RUN = Date.now().toString(36);

test('an e-mail to 112 arrives live, is answered and becomes an incident', async ({ browser }) => {
  const sink = await startSmtpSink(BASE_PORT + 26);
  const received = sink.received;
  expect(sink.port).toBe(BASE_PORT + 26);
  try {
    const ct = await loggedIn(browser, 'calltaker');
    await ct.page.goto('/inbox');
    await waitLive(ct.page);

    await createTransport({
      host: '127.0.0.1',
      port: BASE_PORT + 25,
      secure: false,
      ignoreTLS: true,
    }).sendMail({
      from: 'mojca.gluha@example.si',
      to: '112@cad112.local',
      subject: `Ne slišim – dim v stanovanju ${RUN}`,
      text: 'Sem gluha. V stanovanju na Zaloški 12 v Ljubljani je dim. Sem v 3. nadstropju.',
      messageId: `<deaf-${RUN}@example.si>`,
    });

    // Live, without a reload.
    const item = ct.page.getByTestId('inbox-list').getByText(`Ne slišim – dim v stanovanju ${RUN}`);
    await expect(item).toBeVisible();
    await item.click();
    const conv = ct.page.getByTestId('conversation');
    await expect(conv.getByTestId('thread')).toContainText('Zaloški 12');
    await conv.getByTestId('claim').click();
    await expect(conv).toContainText('Ana Kovač');
    await lookAt(ct.page, 'inbox-sl-light');

    await conv.getByTestId('reply-text').fill('Gasilci so na poti. Zaprite vrata in ostanite ob oknu.');
    await conv.getByTestId('reply-text').press('Control+Enter');
    await expect(conv.locator('.bubble-out')).toContainText('Gasilci so na poti');
    await expect.poll(() => received.length).toBe(1);
    expect(received[0]?.inReplyTo).toBe(`<deaf-${RUN}@example.si>`);

    await conv.getByTestId('to-incident').click();
    await ct.page.waitForURL(/\/call\?message=\d+/);
    await expect(ct.page.getByTestId('from-message')).toContainText('mojca.gluha@example.si');
    await expect(ct.page.locator('#description')).toHaveValue(/Zaloški 12/);
    await ct.page.locator('#coords').fill('46.0556, 14.5281');
    await ct.page.locator('#address').fill('Zaloška cesta 12, Ljubljana');
    await ct.page.locator('#type').selectOption('fire_building');
    await ct.page.locator('#address').press('Enter');
    await expect(ct.page.getByTestId('notice')).toContainText(/\d{4}-\d{6}/);

    await ct.page.goto('/inbox');
    await waitLive(ct.page); // hydrated: a selection made before would be reset
    await ct.page.getByTestId('inbox-filter').selectOption('all');
    await ct.page.getByTestId('inbox-list').getByText(`Ne slišim – dim v stanovanju ${RUN}`).click();
    await expect(ct.page.getByTestId('linked-incident')).toContainText(/\d{4}-\d{6}/);
    await ct.page.evaluate(() => {
      document.documentElement.dataset.theme = 'dark';
    });
    await lookAt(ct.page, 'inbox-sl-dark');
    await ct.context.addCookies([
      { name: 'lang', value: 'en', url: `http://127.0.0.1:${BASE_PORT}` },
      { name: 'theme', value: 'light', url: `http://127.0.0.1:${BASE_PORT}` },
    ]);
    await ct.page.reload();
    await waitLive(ct.page);
    await ct.page.getByTestId('inbox-filter').selectOption('all');
    await ct.page.getByTestId('inbox-list').getByText(`Ne slišim – dim v stanovanju ${RUN}`).click();
    await expect(ct.page.getByTestId('conversation')).toContainText('Reply');
    await lookAt(ct.page, 'inbox-en-light');
    await ct.context.close();
  } finally {
    await sink.close();
  }
});

// SMS 112: a deaf caller writes from a phone whose AML location the network also sent; the call-taker
// sees both, and the protocol's first questions are one click away.
test('an SMS 112 shows the phone’s AML location and offers the first questions', async ({
  browser,
  request,
}) => {
  const ct = await loggedIn(browser, 'calltaker', { lang: 'en' });
  const cookie = await cookieHeader(ct.context);
  const number = `+38651${Date.now().toString().slice(-6)}`;
  const aml = await request.post(`/api/aml?from=${encodeURIComponent(number)}`, {
    headers: { cookie, 'content-type': 'text/plain' },
    data: amlSms({ ...AML_GOOD, lt: '+46.23900', lg: '+015.26700', rd: '25' }),
  });
  expect(aml.status()).toBe(201);
  await ct.page.goto('/inbox');
  await waitLive(ct.page);
  // Sent as the gateway would (a token with the call-taker role; here the session).
  const sms = await request.post('/api/sms/inbound', {
    headers: { cookie, origin: `http://127.0.0.1:${BASE_PORT}` },
    data: {
      from: number,
      to: '112',
      text: 'I am deaf. My husband fell and does not move.',
      id: `e2e-${RUN}`,
    },
  });
  expect(sms.status()).toBe(201);
  await ct.page.getByTestId('inbox-list').getByText(number).click();
  const conv = ct.page.getByTestId('conversation');
  await expect(conv.getByTestId('sms-aml')).toContainText('±25 m');
  await conv
    .getByTestId('quick-replies')
    .getByRole('button', { name: 'Is anyone hurt? How many people?' })
    .click();
  await expect(conv.getByTestId('reply-text')).toHaveValue('Is anyone hurt? How many people?');
  await lookAt(ct.page, 'inbox-sms-en-light');
  await ct.context.close();
});
