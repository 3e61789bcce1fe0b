import { expect, test } from '@playwright/test';
import { loggedIn, waitLive } from './pages/screens';

// Every screen works under the strict CSP (scripts only with the response's nonce) and the browser
// reports no violation; the headers are on pages and on API answers alike.
test('every screen runs under the CSP without a violation', async ({ browser, request }) => {
  // [who, screen, what shows it is ready: the socket's "live" badge, or a test id on screens without one]
  for (const [user, path, ready] of [
    ['calltaker', '/call', 'conn'],
    ['calltaker', '/inbox', 'conn'],
    ['dispatcher', '/dispatch', 'conn'],
    ['dispatcher', '/dispatch/map', 'conn'],
    ['station', '/station', 'conn'],
    ['supervisor', '/warnings', 'conn'],
    ['supervisor', '/stats', 'chart-hours'],
    ['supervisor', '/audit', 'audit-table'],
    ['supervisor', '/replay', 'replay-load'],
    ['supervisor', '/admin', 'users-table'],
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
    if (ready === 'conn') await waitLive(s.page);
    else await expect(s.page.getByTestId(ready)).toBeVisible();
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
