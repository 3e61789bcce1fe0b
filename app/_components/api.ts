'use client';

// Browser fetch helpers: JSON in and out, typed errors, and retries for writes that carry an
// Idempotency-Key (safe to repeat: the server answers a repeated key with the stored result).

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: { field: string; message: string }[] = [],
    /** The whole error object (e.g. a 409 stale_version carries the current state as `current`). */
    readonly detail: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

async function parse<T>(res: Response): Promise<T> {
  const text = await res.text();
  const body = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const e = body?.error ?? {};
    throw new ApiError(res.status, e.code ?? 'error', e.message ?? res.statusText, e.fields ?? [], e);
  }
  return body as T;
}

export async function apiGet<T>(path: string): Promise<T> {
  const res = await fetch(path, { headers: { accept: 'application/json' }, cache: 'no-store' });
  if (res.status === 401) location.assign(`/login?next=${encodeURIComponent(location.pathname)}`);
  return parse<T>(res);
}

export async function apiSend<T>(
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  opts: { idempotencyKey?: string; retries?: number; onRetry?: (attempt: number) => void } = {},
): Promise<T> {
  const retries = opts.idempotencyKey ? (opts.retries ?? 6) : 0;
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch(path, {
        method,
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          ...(opts.idempotencyKey ? { 'idempotency-key': opts.idempotencyKey } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (res.status === 503 && attempt < retries) throw new TypeError('unavailable');
      return await parse<T>(res);
    } catch (err) {
      // Network failure or 503: the same key makes the retry safe.
      if (!(err instanceof TypeError) || attempt >= retries) throw err;
      opts.onRetry?.(attempt + 1);
      await new Promise((r) => setTimeout(r, Math.min(4000, 250 * 2 ** attempt)));
    }
  }
}

export function newKey(): string {
  return crypto.randomUUID();
}
