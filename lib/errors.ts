// Typed application errors, mapped to HTTP statuses and WebSocket error frames in one place.

export const ERROR_STATUS = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  stale_version: 409,
  invalid_transition: 409,
  /** Closing or cancelling while units still work on the incident, without confirming their release. */
  units_assigned: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_mismatch: 422,
  rate_limited: 429,
  unavailable: 503,
  /** A system we depend on (mail relay, SMS gateway) refused or did not answer. */
  upstream_failed: 502,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export type FieldError = { field: string; message: string };

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: FieldError[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toJSON() {
    return {
      error: { code: this.code, message: this.message, fields: this.fields, ...this.extra },
    };
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);

// 25006: a write reached a server that is (now) a standby — a failover is under way (docs/ha.md).
const PG_UNAVAILABLE = new Set([
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
  '53300',
  '25006',
]);
const NET_UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);

// Database outages become 503 + Retry-After so clients retry; nothing raw reaches a client.
export function isDatabaseUnavailable(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (PG_UNAVAILABLE.has(code) || NET_UNAVAILABLE.has(code))) return true;
    const msg = (e as { message?: unknown }).message;
    if (
      typeof msg === 'string' &&
      // "timeout exceeded when trying to connect": every pooled connection busy for the pool's wait
      // (an overloaded node) — the client retries, like a database that is away.
      /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
        msg,
      )
    )
      return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

export function pgErrorCode(err: unknown): string | undefined {
  const code = pgErrorOf(err)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The constraint a PostgreSQL error names (a unique, foreign-key or check violation), if any. */
export function pgConstraint(err: unknown): string | undefined {
  const constraint = pgErrorOf(err)?.constraint;
  return typeof constraint === 'string' ? constraint : undefined;
}

// PostgreSQL's error, through drizzle's wrapping (DrizzleQueryError.cause).
function pgErrorOf(err: unknown): { code?: unknown; constraint?: unknown } | undefined {
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return e as { code: string };
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A row this transaction has just written or locked: its absence is a bug, not a client's error. */
export function present<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`${what} vanished inside its own transaction`);
  return value;
}
