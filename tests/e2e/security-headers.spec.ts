import { expect, test } from '@playwright/test';
import { loggedIn, waitLive } from './pages/screens';

// Every screen works under the strict CSP (scripts only with the response's nonce) and the browser
// reports no violation; the headers are on pages and on API answers alike.
test('every screen runs under the CSP without a violation', async ({ browser, request }) => {
  for (const [user, path] of [
    ['calltaker', '/call'],
    ['dispatcher', '/dispatch'],
    ['dispatcher', '/dispatch/map'],
    ['station', '/station'],
  ] as const) {
    const s = await loggedIn(browser, user);
    const violations: string[] = [];
    s.page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    const res = await s.page.goto(path);
    const csp = res?.headers()['content-security-policy'] ?? '';
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    await waitLive(s.page);
    // Next's inline scripts carry this response's nonce.
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    const scripts = await s.page
      .locator('script')
      .evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((n) => n === nonce).length).toBeGreaterThan(0);
    expect(violations, violations.join('\n')).toEqual([]);
    await s.context.close();
  }
  const api = await request.get('/api/health');
  const h = api.headers();
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['x-frame-options']).toBe('DENY');
  expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(h['permissions-policy']).toContain('geolocation=(self)');
  expect(h['x-powered-by']).toBeUndefined();
});
