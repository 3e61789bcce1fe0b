// The one process of a node: Next.js pages and API, plus the /ws realtime endpoint (ws, noServer).
import { createServer, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import next from 'next';
import { WebSocketServer } from 'ws';
import { openDatabase, setDbHandle } from './db/client';
import { prepareSchema } from './db/migrate';
import { logProtection } from './db/roles';
import { escalateOverdueAlerts } from './lib/alerts/escalate-overdue-alerts';
import { anchorIfDue } from './lib/audit/anchor';
import { authenticate, readCookie, validCredentials } from './lib/auth/authenticate';
import { DEVICE_COOKIE_DAYS, THROTTLE_WINDOW_MIN } from './lib/auth/login-throttle';
import { SESSION_ENDED_CHANNEL } from './lib/auth/logout';
import { env } from './lib/env';
import {
  ALLOWED_METHODS,
  DatabaseProbe,
  FORWARDED_HEADERS,
  isPageRequest,
  PAGE_RETRY_AFTER_S,
  refuseRequest,
  unavailablePage,
} from './lib/http/front-door';
import { originProblem } from './lib/http/origin';
import { securityHeaders } from './lib/http/security-headers';
import { isLang } from './lib/i18n/messages';
import { log } from './lib/log';
import { purgeExpired } from './lib/maintenance/purge';
import { sendQueuedSms } from './lib/messages/sms';
import { startSmtpListener } from './lib/messages/smtp-listener';
import { RealtimeHub } from './lib/realtime/hub';
import { setHub } from './lib/realtime/hub-registry';
import { attachSocket } from './lib/realtime/socket-handler';
import { deliverWebhooks } from './lib/webhooks/deliver-webhooks';

function fail(what: string, err: unknown): never {
  console.error(`${what}: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}

const config = (() => {
  try {
    return env();
  } catch (err) {
    return fail('cannot start', err);
  }
})();
const logger = log();
const dev = config.NODE_ENV !== 'production';

const handle = await openDatabase({
  databaseUrl: config.DATABASE_URL,
  pgliteDir: config.PGLITE_DIR,
  poolSize: config.DB_POOL_SIZE,
  onError: (err) => logger.warn({ err }, 'database connection error'),
}).catch((err) => fail('cannot open the database', err));
setDbHandle(handle);
logger.info({ db: handle.kind }, 'database opened');
await prepareSchema(handle, config.DATABASE_OWNER_URL).catch((err) =>
  fail('cannot migrate the database', err),
);
// The event log is evidence: say at start whether this server's own role could alter it (docs/proof.md).
if (handle.kind === 'pg') {
  const p = await logProtection(handle.db).catch(() => null);
  if (p && !p.protected)
    logger.warn(
      { role: p.role, superuser: p.superuser, owner: p.owner, canRewrite: p.canRewrite },
      'the server runs as a database role that could alter the event log; run it as a role that may only append (README, Production)',
    );
} else {
  logger.info(
    'embedded database: the event log is chained, but anyone who can write its folder can rewrite it',
  );
}

const hub = new RealtimeHub(handle, {
  maxBufferedBytes: config.WS_MAX_BUFFERED_BYTES,
  stallMs: config.WS_STALL_MS,
  validCredentials: (hashes) => validCredentials(handle.db, hashes),
  heartbeatMs: config.WS_HEARTBEAT_MS,
  onError: (err, context) => logger.error({ err, context }, 'realtime hub error'),
});
await hub.start();
setHub(hub);
// A logout on any node ends that session's sockets on this one at once (4401).
const stopSessionListener = await handle.listen(SESSION_ENDED_CHANNEL, (hash) => {
  if (/^[0-9a-f]{64}$/.test(hash)) hub.endCredential(hash);
});

// Escalation of unacknowledged alerts is derived from the database every few seconds on every node;
// the UPDATE decides which node escalates, so each alert is escalated exactly once, also after a restart.
const escalator = setInterval(() => {
  escalateOverdueAlerts(handle.db).catch((err) => logger.warn({ err }, 'escalation check failed'));
}, config.ESCALATION_CHECK_MS);

// Anchors of the event log's hash chain, written outside the database (lib/audit/anchor.ts); and the
// purge of idempotency keys past their window, expired sessions and old failed-login counters.
const housekeeping = setInterval(() => {
  anchorIfDue(handle.db, config.AUDIT_ANCHOR_INTERVAL_MIN).catch((err) =>
    logger.warn({ err }, 'audit anchor failed'),
  );
  purgeExpired(handle.db, {
    idempotencyHours: config.IDEMPOTENCY_WINDOW_HOURS,
    throttleWindowMin: THROTTLE_WINDOW_MIN,
    deviceDays: DEVICE_COOKIE_DAYS,
  })
    .then((n) => {
      if (n.idempotencyKeys + n.sessions + n.loginThrottle + n.loginDevices > 0)
        logger.info(n, 'purged expired rows');
    })
    .catch((err) => logger.warn({ err }, 'purge failed'));
}, config.HOUSEKEEPING_MS);

// 112 e-mail: the SMTP listener stores each message before it answers 250.
const smtp =
  config.SMTP_PORT > 0
    ? await startSmtpListener(handle.db, {
        host: config.HOST,
        port: config.SMTP_PORT,
        addresses: config.MAIL_ADDRESSES,
        maxBytes: config.MAIL_MAX_BYTES,
        senderLimit: config.MAIL_SENDER_LIMIT,
        onError: (err, context) => logger.warn({ err, context }, 'smtp'),
      })
    : null;

// SMS 112 replies: queued ones are sent, and retried with backoff while the gateway is down.
const smsSender = config.SMS_GATEWAY_URL
  ? setInterval(() => {
      sendQueuedSms(handle.db).catch((err) => logger.warn({ err }, 'sms sending failed'));
    }, 5000)
  : undefined;

// Webhooks: a round every second; a round never overlaps the previous one on this node.
let webhookBusy = false;
const webhooks = setInterval(() => {
  if (webhookBusy) return;
  webhookBusy = true;
  deliverWebhooks(handle.db, {
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    retryBaseMs: config.WEBHOOK_RETRY_BASE_MS,
    maxAttempts: config.WEBHOOK_MAX_ATTEMPTS,
  })
    .catch((err) => logger.warn({ err }, 'webhook round failed'))
    .finally(() => {
      webhookBusy = false;
    });
}, 1000);

const app = next({ dev, hostname: config.HOST, port: config.PORT });
await app.prepare();
const nextHandler = app.getRequestHandler();
const nextUpgrade = app.getUpgradeHandler();

const probe = new DatabaseProbe(handle.db);

const server = createServer((req, res) => {
  const { headers } = securityHeaders({ dev, tileUrl: config.MAP_TILE_URL, https: config.COOKIE_SECURE });
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  // Answered here, not by Next (which would answer 500): unsupported methods, malformed escapes.
  const refusal = refuseRequest(req.method, req.url);
  if (refusal) {
    res.writeHead(refusal.status, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...refusal.headers,
    });
    res.end(JSON.stringify(refusal.body));
    return;
  }
  // The client's address for rate limits: the socket's peer, or the proxy's X-Forwarded-For when
  // TRUST_PROXY is set; a client cannot choose it, nor the host it claims, by sending the headers itself.
  const forwarded = config.TRUST_PROXY
    ? String(req.headers['x-forwarded-for'] ?? '')
        .split(',')[0]
        ?.trim()
    : '';
  if (!config.TRUST_PROXY) for (const name of FORWARDED_HEADERS) delete req.headers[name];
  req.headers['x-cad112-client'] = forwarded || req.socket.remoteAddress || 'unknown';
  // Next takes the script nonce from the request's CSP header.
  req.headers['content-security-policy'] = headers['content-security-policy'];
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  if (!isPageRequest(req.method, path)) {
    void nextHandler(req, res);
    return;
  }
  // A page needs the database (the session, the screen's data): while it is down, a readable 503 that
  // retries by itself, like the API's 503 + Retry-After, instead of Next's error page with a 500.
  void probe.reachable().then((ok) => {
    if (ok) return void nextHandler(req, res);
    // The screen's own preferences, as app/_lib/session.ts reads them.
    const cookie = req.headers.cookie ?? '';
    const lang = readCookie(cookie, 'lang');
    const theme = readCookie(cookie, 'theme') === 'dark' ? 'dark' : 'light';
    res.writeHead(503, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'retry-after': String(PAGE_RETRY_AFTER_S),
    });
    res.end(
      req.method === 'HEAD' ? undefined : unavailablePage(isLang(lang) ? lang : 'sl', theme, req.url ?? '/'),
    );
  });
});

// CONNECT never reaches the request handler: answered here, or Node would drop the connection.
server.on('connect', (_req: IncomingMessage, socket: Duplex) => {
  socket.on('error', () => socket.destroy());
  const body = JSON.stringify(refuseRequest('CONNECT', '/')?.body);
  socket.end(
    `HTTP/1.1 405 Method Not Allowed\r\nAllow: ${ALLOWED_METHODS.join(', ')}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
});

const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });

server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname !== '/ws') {
    // Leave other upgrades (Next's dev HMR socket) to Next.
    if (dev) void nextUpgrade(req, socket, head);
    else socket.destroy();
    return;
  }
  void upgradeRealtime(req, socket, head);
});

async function upgradeRealtime(req: IncomingMessage, socket: Duplex, head: Buffer) {
  socket.on('error', () => socket.destroy());
  const refuse = (status: number, text: string) => {
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };
  try {
    if (shuttingDown) return refuse(503, 'Service Unavailable');
    const h = req.headers;
    const forwardedHost = typeof h['x-forwarded-host'] === 'string' ? h['x-forwarded-host'] : null;
    if (originProblem({ origin: h.origin, host: h.host, forwardedHost }, config.TRUST_PROXY))
      return refuse(403, 'Forbidden');
    const principal = await authenticate(handle.db, {
      cookie: req.headers.cookie,
      authorization: req.headers.authorization,
    });
    if (!principal) return refuse(401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => {
      attachSocket(hub, handle.db, ws, principal, (err) => logger.error({ err }, 'socket message failed'));
    });
  } catch (err) {
    logger.warn({ err }, 'websocket upgrade failed');
    refuse(503, 'Service Unavailable');
  }
}

server.listen(config.PORT, config.HOST, () => {
  logger.info(
    { url: `http://localhost:${config.PORT}`, mode: dev ? 'development' : 'production' },
    'CAD 112 listening',
  );
});

let shuttingDown = false;

// SIGTERM: stop accepting, tell sockets to reconnect elsewhere (1012), finish in-flight requests, exit.
async function shutdown(signal: string) {
  if (shuttingDown) return;
  shuttingDown = true;
  logger.info({ signal }, 'shutting down');
  clearInterval(escalator);
  clearInterval(housekeeping);
  clearInterval(smsSender);
  clearInterval(webhooks);
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  await stopSessionListener().catch(() => {});
  await smtp?.close().catch(() => {});
  await hub.stop(1012, 'server restarting');
  server.closeIdleConnections();
  await closed;
  await handle.close().catch((err) => logger.error({ err }, 'closing database'));
  logger.info('stopped');
  process.exit(0);
}

process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'));
