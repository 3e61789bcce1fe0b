import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, type BrowserContext, expect, type Page } from '@playwright/test';

// Page objects: what a call-taker, a dispatcher and a station crew see and do.

/** Every screen is looked at in both languages and both themes. */
export const VARIANTS = [
  { lang: 'sl', theme: 'light' },
  { lang: 'sl', theme: 'dark' },
  { lang: 'en', theme: 'light' },
  { lang: 'en', theme: 'dark' },
] as const;

export async function loggedIn(
  browser: Browser,
  username: string,
  opts: {
    lang?: 'sl' | 'en';
    theme?: 'light' | 'dark';
    geolocation?: { latitude: number; longitude: number; accuracy?: number };
  } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(
    opts.geolocation ? { geolocation: opts.geolocation, permissions: ['geolocation'] } : {},
  );
  const base = test_baseURL();
  await context.addCookies([
    { name: 'lang', value: opts.lang ?? 'sl', url: base },
    { name: 'theme', value: opts.theme ?? 'light', url: base },
  ]);
  const page = await context.newPage();
  await page.goto('/login');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill('demo-112');
  await page.locator('#password').press('Enter');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return { context, page };
}

function test_baseURL(): string {
  return `http://127.0.0.1:${process.env.E2E_PORT ?? 3200}`;
}

/** The context's cookies as a Cookie header, for setting up data over the API as that person. */
export async function cookieHeader(context: BrowserContext): Promise<string> {
  return (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
}

/** Raw values that are codes, not Slovenian words: they must never show on a Slovenian screen. */
const RAW_CODES_SL = [
  'available',
  'alerted',
  'acknowledged',
  'returning',
  'transporting',
  'dispatched',
  'cancelled',
  'closed',
  'handled',
  'unknown',
  'gnss',
  'cell',
  'wifi',
  'fire',
  'ems',
  'phone',
  'email',
];

/**
 * What on the screen looks like a code instead of language: snake_case and dotted identifiers
 * (statuses, event types, capabilities, error codes) in any language, and raw English values on a
 * Slovenian screen. An e-mail address or a URL is not a code.
 */
export async function codesOnScreen(page: Page, lang: 'sl' | 'en'): Promise<string[]> {
  // Identifiers an administrator types are shown as such (<code>, beside their names); keys as <kbd>.
  // Text marked as another language (an administrator's bilingual names) is that language's.
  const text = await page.evaluate((screenLang) => {
    const body = document.body.cloneNode(true) as HTMLElement;
    for (const el of body.querySelectorAll(`code, kbd, script, style, [lang]:not([lang="${screenLang}"])`))
      el.remove();
    document.documentElement.appendChild(body);
    // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered (hidden parts left out)
    const out = body.innerText;
    body.remove();
    return out;
  }, lang);
  const found = new Set<string>();
  for (const m of text.matchAll(/(?<![\w@./:-])[a-z]+(?:[_.][a-z]+)+(?![\w@/-])/g)) found.add(m[0]);
  if (lang === 'sl')
    for (const code of RAW_CODES_SL)
      if (new RegExp(`(?<![\\w@./-])${code}(?![\\w@/-])`).test(text)) found.add(code);
  return [...found];
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * WCAG 2 A and AA failures on the page as axe-core finds them (rule, how many elements, the first
 * few). Evaluated through the browser's debugging protocol, so the page's CSP does not block it.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    type Result = { violations: { id: string; nodes: { target: string[] }[] }[] };
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<Result> } }).axe;
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return r.violations.map(
      (v) =>
        `${v.id}: ${v.nodes.length} × ${v.nodes
          .slice(0, 4)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
  });
}

/** Saves the screen for people to look at, and checks it: no codes for words, no WCAG 2 AA failure. */
export async function lookAt(page: Page, name: string) {
  await page.screenshot({ path: `screenshots/${name}.png` });
  const lang = /-(sl|en)-(light|dark)$/.exec(name)?.[1] === 'en' ? 'en' : 'sl';
  expect(await codesOnScreen(page, lang), `${name}: codes on screen`).toEqual([]);
  expect(await accessibilityViolations(page), `${name}: WCAG 2 AA`).toEqual([]);
}

export async function waitLive(page: Page) {
  await expect(page.getByTestId('conn')).toHaveAttribute('data-state', /live|resynced/);
}

export class CallTakerPage {
  constructor(readonly page: Page) {}

  async logIncident(input: {
    phone: string;
    name: string;
    coords: string;
    address: string;
    type: string;
    description: string;
  }) {
    const p = this.page;
    await p.locator('#phone').fill(input.phone);
    await p.locator('#name').fill(input.name);
    await p.locator('#coords').fill(input.coords);
    await p.locator('#address').fill(input.address);
    await p.locator('#type').selectOption(input.type);
    await p.locator('#description').fill(input.description);
    // Keyboard first: Enter in a field saves the incident.
    await p.locator('#address').press('Enter');
    const notice = p.getByTestId('notice');
    await expect(notice).toContainText(/\d{4}-\d{6}/);
    const number = /(\d{4}-\d{6})/.exec((await notice.textContent()) ?? '')?.[1];
    if (!number) throw new Error('no incident number shown');
    return number;
  }
}

export class DispatcherPage {
  constructor(readonly page: Page) {}

  /** The board and map of the whole country instead of "my region" (these stories cross regions). */
  async wholeCountry() {
    await this.page.getByTestId('scope-all').click();
    await expect(this.page.getByTestId('scope-all')).toHaveAttribute('aria-selected', 'true');
  }

  boardItem(number: string) {
    return this.page.getByTestId(`board-${number}`);
  }

  /**
   * Opens an incident: from the board when it is there, else by its number (G) — an incident of
   * another centre's region is not on the board of "my region".
   */
  async open(number: string) {
    const item = this.boardItem(number);
    if (await item.isVisible().catch(() => false)) await item.click();
    else {
      await this.page.keyboard.press('g');
      await this.page.keyboard.type(number);
      await this.page.keyboard.press('Enter');
    }
    await expect(this.page.getByTestId('detail')).toContainText(number);
  }

  async assign(callsign: string) {
    const row = this.page.getByTestId(`near-${callsign}`);
    await row.getByRole('button').click();
  }

  alertChip(callsign: string) {
    return this.page.getByTestId('assigned').getByTestId(`chip-${callsign}`);
  }
}

export class StationPage {
  constructor(readonly page: Page) {}

  get alarm() {
    return this.page.getByTestId('alarm');
  }

  async acknowledge() {
    await this.page.getByTestId('ack').click();
    await expect(this.alarm).toBeHidden();
  }

  async setStatus(callsign: string, statusLabel: string | RegExp) {
    await this.page.getByTestId(`unit-${callsign}`).getByRole('button', { name: statusLabel }).click();
  }
}
