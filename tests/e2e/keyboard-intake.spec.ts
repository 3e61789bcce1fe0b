import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { loggedIn, waitLive } from './pages/screens';

// A standard incident logged without touching the mouse. Every key is counted: the text the caller
// dictates (phone, name, place, description) and the keys that drive the form (Tab, Alt+…, Enter).
// Goal: 25 or fewer driving keys.
class Keyboard {
  text = 0;
  driving = 0;
  log: string[] = [];
  constructor(private readonly page: Page) {}
  async type(s: string) {
    await this.page.keyboard.type(s);
    this.text += s.length;
  }
  async press(key: string) {
    await this.page.keyboard.press(key);
    this.driving += 1;
    this.log.push(key);
  }
}

test('a call-taker logs a building fire with the keyboard only', async ({ browser }) => {
  const ct = await loggedIn(browser, 'calltaker');
  const page = ct.page;
  await waitLive(page);
  const kb = new Keyboard(page);

  await expect(page.locator('#phone')).toBeFocused();
  await kb.type('041 123 456');
  await kb.press('Tab');
  await kb.type('Ana Novak');
  await kb.press('Alt+p');
  await kb.type('presernov trg 1');
  await expect(page.getByTestId('place-results')).toContainText('Prešernov trg 1, 1000 Ljubljana');
  await kb.press('Enter');
  await expect(page.locator('#address')).toHaveValue('Prešernov trg 1, 1000 Ljubljana');
  await expect(page.getByTestId('resolved-position')).toContainText('D96/TM');
  await kb.press('Alt+v');
  await expect(page.locator('#type')).toBeFocused();
  await kb.type('Požar v o');
  await expect(page.locator('#type')).toHaveValue('fire_building');
  await kb.press('Alt+o');
  await kb.type('Gost dim iz strehe, v hiši starejša oseba.');
  await kb.press('Control+Enter');

  const notice = page.getByTestId('notice');
  await expect(notice).toContainText(/\d{4}-\d{6}/);
  const number = /(\d{4}-\d{6})/.exec((await notice.textContent()) ?? '')?.[1];
  await expect(page.getByTestId('my-incidents')).toContainText(number ?? '??');
  await expect(page.locator('#phone')).toBeFocused();

  const report = `keyboard-only intake: ${kb.driving} driving keys (${kb.log.join(', ')}) + ${kb.text} characters of dictated text`;
  console.log(report);
  mkdirSync('tests/.artifacts', { recursive: true });
  writeFileSync('tests/.artifacts/keyboard-intake.txt', `${report}\n`);
  expect(kb.driving).toBeLessThanOrEqual(25);
  await ct.context.close();
});
