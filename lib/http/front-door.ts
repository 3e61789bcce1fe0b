// What server.ts answers itself, before a request reaches Next: requests Next would answer with a 500
// (an unsupported method, a malformed percent-escape in the path) and pages while the database is down.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { ErrorCode } from '../errors';

export const ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
const ALLOWED = new Set<string>(ALLOWED_METHODS);

export interface FrontDoorRefusal {
  status: number;
  headers: Record<string, string>;
  body: { error: { code: ErrorCode; message: string; fields: { field: string; message: string }[] } };
}

/** A request this server refuses before routing it, or null when it may go on. */
export function refuseRequest(
  method: string | undefined,
  rawUrl: string | undefined,
): FrontDoorRefusal | null {
  if (!method || !ALLOWED.has(method))
    return {
      status: 405,
      headers: { allow: ALLOWED_METHODS.join(', ') },
      body: {
        error: {
          code: 'method_not_allowed',
          message: `method ${String(method).slice(0, 20)} is not supported`,
          fields: [{ field: 'method', message: `one of ${ALLOWED_METHODS.join(', ')}` }],
        },
      },
    };
  const url = rawUrl ?? '/';
  const path = url.split('?')[0] ?? '/';
  try {
    decodeURIComponent(path);
  } catch {
    return {
      status: 400,
      headers: {},
      body: {
        error: {
          code: 'bad_request',
          message: 'malformed percent-escape in the path',
          fields: [{ field: 'path', message: 'every % must start a valid escape (%2F); send %25 for %' }],
        },
      },
    };
  }
  return null;
}

// Headers a reverse proxy sets. Without TRUST_PROXY nothing in front of us sets them, so a client that
// sends them is lying about where it is or which host it asked for: they are removed before Next and
// the route handlers read anything.
export const FORWARDED_HEADERS = [
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-port',
  'x-real-ip',
] as const;

/** A path Next serves without rendering a page (assets, API, the public folder's files). */
export function isPageRequest(method: string | undefined, path: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  if (path.startsWith('/api/') || path.startsWith('/_next/') || path === '/ws') return false;
  // Files of the public folder and metadata routes have an extension; pages do not.
  return !/\.[a-z0-9]{2,5}$/i.test(path);
}

/**
 * Whether the database answers, asked at most once per `ttlMs` however many pages are requested
 * (concurrent askers share one probe), and never waiting longer than `timeoutMs`.
 */
export class DatabaseProbe {
  private until = 0;
  private last = true;
  private pending: Promise<boolean> | null = null;

  constructor(
    private readonly db: Db,
    private readonly ttlMs = 1000,
    private readonly timeoutMs = 1500,
  ) {}

  reachable(now = Date.now()): Promise<boolean> {
    if (now < this.until) return Promise.resolve(this.last);
    this.pending ??= this.probe().then((ok) => {
      this.last = ok;
      this.until = Date.now() + this.ttlMs;
      this.pending = null;
      return ok;
    });
    return this.pending;
  }

  private async probe(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), this.timeoutMs);
    });
    const query = this.db.execute(sql`select 1`).then(
      () => true,
      () => false,
    );
    const ok = await Promise.race([query, timeout]);
    clearTimeout(timer);
    return ok;
  }
}

export const PAGE_RETRY_AFTER_S = 5;

const PAGE_TEXT = {
  sl: {
    title: 'Sistem je začasno nedosegljiv',
    body: 'Podatkovna zbirka se ne odziva. Stran se bo sama znova naložila vsakih 5 sekund. Kar je že shranjeno, ostane shranjeno.',
    fallback: 'Med izpadom sprejemajte klice po rezervnem postopku centra.',
    retry: 'Poskusi znova',
  },
  en: {
    title: 'The system is briefly unavailable',
    body: 'The database is not answering. This page reloads itself every 5 seconds. What is already saved stays saved.',
    fallback: "Meanwhile, take calls by the centre's fallback procedure.",
    retry: 'Try again',
  },
} as const;

/** The page served with 503 while the database is down: no script (the CSP), reloads itself. */
export function unavailablePage(lang: 'sl' | 'en', theme: 'light' | 'dark', path: string): string {
  const t = PAGE_TEXT[lang];
  const dark = theme === 'dark';
  const href = path.startsWith('/') && !path.startsWith('//') ? path : '/';
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8">
<meta http-equiv="refresh" content="${PAGE_RETRY_AFTER_S}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.title} · 112</title>
<style>
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;font:18px/1.5 system-ui,sans-serif;
background:${dark ? '#11161c' : '#f4f6f8'};color:${dark ? '#e6edf3' : '#1b1f24'}}
main{max-width:36rem;padding:2rem;border-left:6px solid #d97706;background:${dark ? '#1b232c' : '#fff'}}
h1{font-size:1.6rem;margin:0 0 .75rem}a{color:${dark ? '#7cc4ff' : '#0b5cad'};font-weight:600}
</style></head>
<body><main role="alert"><h1>${t.title}</h1><p>${t.body}</p><p>${t.fallback}</p>
<p><a href="${esc(href)}">${t.retry}</a></p></main></body></html>`;
}
