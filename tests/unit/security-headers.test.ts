import { describe, expect, it } from 'vitest';
import { securityHeaders, tileSource } from '@/lib/http/security-headers';

describe('security headers', () => {
  it('allows map tiles from the configured tile server only', () => {
    expect(tileSource('https://tile.openstreetmap.org/{z}/{x}/{y}.png')).toBe(
      'https://tile.openstreetmap.org',
    );
    expect(tileSource('https://{s}.tile.example.si/{z}/{x}/{y}.png')).toBe('https://*.tile.example.si');
    expect(tileSource('http://10.0.0.5:8080/tiles/{z}/{x}/{y}.png')).toBe('http://10.0.0.5:8080');
    expect(tileSource('none')).toBeNull();
  });

  it('gives each response its own script nonce and no unsafe-inline script', () => {
    const a = securityHeaders({ dev: false, tileUrl: 'none', https: false });
    const b = securityHeaders({ dev: false, tileUrl: 'none', https: false });
    expect(a.nonce).not.toBe(b.nonce);
    const csp = a.headers['content-security-policy'] ?? '';
    expect(csp).toContain(`'nonce-${a.nonce}'`);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(a.headers['strict-transport-security']).toBeUndefined();
    expect(
      securityHeaders({ dev: false, tileUrl: 'none', https: true }).headers['strict-transport-security'],
    ).toMatch(/max-age=\d+/);
  });
});
