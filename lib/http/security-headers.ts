import { randomBytes } from 'node:crypto';

// Security headers for every response, set in server.ts before Next handles the request. The CSP
// allows scripts only with this response's nonce ('strict-dynamic' lets Next's own chunks load);
// Next reads the nonce from the request's Content-Security-Policy header and puts it on its inline
// scripts. Styles keep 'unsafe-inline': React style attributes and Leaflet's positioning need it
// (a style cannot run code). Tiles may come from the configured tile server only.

export interface SecurityOptions {
  dev: boolean;
  tileUrl: string;
  /** HTTPS deployment (COOKIE_SECURE): add HSTS. */
  https: boolean;
}

/** The origin of a tile URL template as a CSP source ({s} subdomains become a wildcard). */
export function tileSource(tileUrl: string): string | null {
  if (tileUrl === 'none') return null;
  try {
    const u = new URL(tileUrl.replace(/\{s\}/g, 'tiles').replace(/\{[a-z]\}/gi, '0'));
    const host = tileUrl.includes('{s}') ? u.host.replace(/^tiles\./, '*.') : u.host;
    return `${u.protocol}//${host}`;
  } catch {
    return null;
  }
}

export function securityHeaders(opts: SecurityOptions): { nonce: string; headers: Record<string, string> } {
  const nonce = randomBytes(16).toString('base64');
  const tiles = tileSource(opts.tileUrl);
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${tiles ? ` ${tiles}` : ''}`,
    "font-src 'self'",
    "connect-src 'self'",
    "media-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "worker-src 'self' blob:",
  ].join('; ');
  const headers: Record<string, string> = {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    // Origin only to other sites: tile servers' usage policies ask for a Referer.
    'referrer-policy': 'strict-origin-when-cross-origin',
    // The station tablet's AVL needs geolocation; nothing needs the camera, microphone or payment.
    'permissions-policy': 'geolocation=(self), camera=(), microphone=(), payment=(), usb=()',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
  if (opts.https) headers['strict-transport-security'] = 'max-age=31536000';
  return { nonce, headers };
}
