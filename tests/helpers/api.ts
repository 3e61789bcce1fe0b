// A small HTTP client for tests: logs in like a browser (cookie) and sends JSON.

export interface Session {
  role: string;
  cookie: string;
  get(path: string): Promise<{ status: number; body: any; headers: Headers }>;
  send(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: any; headers: Headers }>;
}

export async function request(
  base: string,
  method: string,
  path: string,
  opts: { body?: unknown; raw?: string | Uint8Array; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const hasBody = opts.body !== undefined || opts.raw !== undefined;
  const res = await fetch(base + path, {
    method,
    headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...opts.headers },
    body:
      typeof opts.raw === 'string'
        ? opts.raw
        : opts.raw
          ? new Blob([Uint8Array.from(opts.raw)])
          : opts.body !== undefined
            ? JSON.stringify(opts.body)
            : undefined,
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {}
  return { status: res.status, body, headers: res.headers };
}

export async function login(base: string, username: string, password = 'demo-112'): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const body = (await res.json()) as { user: { role: string } };
  return sessionFor(base, cookie, body.user.role);
}

export function sessionFor(base: string, cookie: string, role: string, bearer?: string): Session {
  const auth: Record<string, string> = bearer
    ? { authorization: `Bearer ${bearer}` }
    : cookie
      ? { cookie }
      : {};
  return {
    role,
    cookie,
    get: (path) => request(base, 'GET', path, { headers: auth }),
    send: (method, path, body, headers = {}) =>
      request(base, method, path, { body, headers: { ...auth, ...headers } }),
  };
}

export const FIRE_IN_LJUBLJANA = {
  type: 'fire_building',
  priority: 'red',
  description: 'Smoke from a roof',
  location: { lat: 46.0514, lon: 14.506, accuracyM: 15, address: 'Prešernov trg 1, Ljubljana' },
  caller: { phone: '+38641123456', name: 'Ana Novak' },
};

/** A public warning (CAP, scope Public) for a drawn area along the Sava, as a supervisor publishes it. */
export const FLOOD_WARNING = {
  category: 'Met',
  urgency: 'Immediate',
  severity: 'Severe',
  certainty: 'Likely',
  event: { sl: 'Poplave', en: 'Floods' },
  headline: { sl: 'Poplave ob Savi', en: 'Floods along the Sava' },
  description: { sl: 'Sava prestopa bregove.', en: 'The Sava is overflowing.' },
  instruction: { sl: 'Umaknite se na višje ležeče kraje.', en: 'Move to higher ground.' },
  areaDesc: 'Gorenjska, ob Savi',
  polygon: [
    [46.3, 14.2],
    [46.3, 14.6],
    [46.1, 14.6],
    [46.1, 14.2],
  ] as [number, number][],
  expiresInHours: 12,
};
