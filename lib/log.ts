import pino from 'pino';

const g = globalThis as { __cad112Log?: pino.Logger };

// One logger for the process (server.ts and Next's bundles share it through globalThis).
export function log(): pino.Logger {
  g.__cad112Log ??= pino({ level: process.env.LOG_LEVEL ?? 'info', base: { app: 'cad112' } });
  return g.__cad112Log;
}
