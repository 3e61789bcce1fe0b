import { z } from 'zod';

// Configuration, validated once at start-up. A bad setting stops the process with a message that
// names the variable, instead of failing later in the middle of a shift.
const ZEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /**
   * The owner role's URL, for migrations only (production: the server's DATABASE_URL role may only append
   * to the event log; docs/proof.md). Unset: DATABASE_URL's role migrates if it may.
   */
  DATABASE_OWNER_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  PGLITE_DIR: z.string().min(1).default('data/pglite'),
  /** Append each anchor of the event log's hash chain (a JSON line) to this file; keep it on other storage. */
  AUDIT_ANCHOR_FILE: z.string().min(1).optional(),
  /** Send each anchor by e-mail (through MAIL_RELAY_URL) to this address, e.g. the inspector's archive. */
  AUDIT_ANCHOR_EMAIL: z.string().email().optional(),
  /** Minutes between anchors (one node writes each); 0: only when a supervisor asks. */
  AUDIT_ANCHOR_INTERVAL_MIN: z.coerce.number().int().min(0).max(10_080).default(60),
  /** How long a stored answer to an Idempotency-Key is kept (a retry within it gets the same answer). */
  /** How often a node runs the anchor and purge jobs. */
  HOUSEKEEPING_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  IDEMPOTENCY_WINDOW_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  MAP_TILE_URL: z
    .string()
    .refine((v) => v === 'none' || /^https?:\/\/.+\{z\}.+\{x\}.+\{y\}/.test(v), {
      message: 'must be "none" or an http(s) URL template with {z}, {x} and {y}',
    })
    .default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
  MAP_TILE_ATTRIBUTION: z.string().default('© OpenStreetMap contributors'),
  /** The centre's SMTP listener for 112 e-mail; 0 turns it off. */
  SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  /** Addresses the listener accepts mail for, comma-separated (anything else: 550). */
  MAIL_ADDRESSES: z
    .string()
    .default('112@cad112.local')
    .transform((v) =>
      v
        .split(',')
        .map((a) => a.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(z.array(z.email()).min(1)),
  MAIL_MAX_BYTES: z.coerce.number().int().min(10_000).max(50_000_000).default(10_000_000),
  /** Messages one sender address may deliver per 10 minutes before the listener says 450 (try later). */
  MAIL_SENDER_LIMIT: z.coerce.number().int().min(1).max(10_000).default(30),
  /** Relay for replies, e.g. smtp://mail.example.si:25 or smtps://user:pass@host:465; unset: replies are refused. */
  MAIL_RELAY_URL: z
    .string()
    .regex(/^smtps?:\/\/\S+$/, 'must be an smtp:// or smtps:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** The SMS gateway's send URL (JSON POST {to, from, text, reference}); unset: SMS replies are refused. */
  SMS_GATEWAY_URL: z
    .string()
    .regex(/^https?:\/\/\S+$/, 'must be an http(s) URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  SMS_GATEWAY_TOKEN: z.string().optional(),
  /** The centre's SMS number, sent as the sender. */
  SMS_SENDER: z.string().default('112'),
  /** The address people outside the centre reach this CAD at (links in on-call notifications); unset: the request's origin. */
  PUBLIC_URL: z
    .string()
    .regex(
      /^https?:\/\/[^\s/]+(:\d+)?$/,
      'must be an http(s) origin without a path, e.g. https://cad.reco.si',
    )
    .optional(),
  /** The centre as CAP sender (no spaces or commas), e.g. cad112@reco-lj.si. */
  CAP_SENDER: z
    .string()
    .regex(/^[^\s,<&]+$/, 'no spaces, commas, < or &')
    .default('cad112@reco.local'),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(5000),
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(10),
  /** An OSRM-compatible routing engine (…/table/v1/driving/…); unset: straight-line distances. */
  ROUTING_URL: z
    .string()
    .regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  ROUTING_PROFILE: z
    .string()
    .regex(/^[a-z_-]{1,32}$/, 'letters, - and _ only')
    .default('driving'),
  ROUTING_TIMEOUT_MS: z.coerce.number().int().min(100).max(10_000).default(1500),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(14),
  /** Behind a reverse proxy that sets X-Forwarded-For: take the client address from it. */
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Demo mode: the seeded demo accounts (documented passwords) may sign in. Off in a real install. */
  DEMO_MODE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  COOKIE_SECURE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(10_000_000).default(65_536),
  /** A supervisor's file import (a country's defibrillators or hydrants from OpenStreetMap, a directory). */
  IMPORT_MAX_BYTES: z.coerce.number().int().min(65_536).max(200_000_000).default(50_000_000),
  WS_MAX_BUFFERED_BYTES: z.coerce.number().int().min(16_384).default(1_048_576),
  WS_STALL_MS: z.coerce.number().int().min(1000).max(120_000).default(10_000),
  WS_HEARTBEAT_MS: z.coerce.number().int().min(1000).max(120_000).default(15_000),
  DUPLICATE_RADIUS_M: z.coerce.number().int().min(10).max(50_000).default(500),
  DUPLICATE_WINDOW_MIN: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(180),
  UNIT_POSITION_STALE_MIN: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** Minutes after closing or cancelling during which a dispatcher may reopen an incident. */
  REOPEN_WINDOW_MIN: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .default(12 * 60),
  /** A recommended set with a unit farther than this (km) is assigned only after a confirmation. */
  FAR_UNIT_CONFIRM_KM: z.coerce.number().min(1).max(1000).default(30),
  /** Shared key of the AML HTTPS form's `hmac` field; unset = the field is not checked. */
  AML_HMAC_KEY: z.string().min(16).optional(),
  ESCALATION_CHECK_MS: z.coerce.number().int().min(200).max(60_000).default(2000),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /**
   * The shared secret of the SIP edge (Kamailio's CAD_TOKEN): call events must carry it, and the CAD
   * sends it when it asks the edge for a transfer. Unset: no telephony (calls are entered by hand).
   */
  TELEPHONY_TOKEN: z
    .string()
    .min(16)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Addresses (and CIDR ranges) the SIP edge's events may come from, comma-separated. */
  TELEPHONY_ALLOWED_ADDRESSES: z.string().default('127.0.0.1,::1'),
  /** The edge's control API (Kamailio xhttp), e.g. http://127.0.0.1:5081; unset: no transfers. */
  TELEPHONY_CONTROL_URL: z
    .string()
    .regex(/^https?:\/\/\S+$/, 'must be an http(s) URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** How long fetching a caller's location by reference (HELD) may take. */
  LOCATION_DEREFERENCE_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(3000),
});

export type Env = z.infer<typeof ZEnv>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = ZEnv.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
