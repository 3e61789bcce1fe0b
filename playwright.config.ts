import { defineConfig } from '@playwright/test';
import { E2E_DATABASE_URL as DATABASE_URL, E2E_OWNER_DATABASE_URL } from './tests/helpers/env';

const PORT = Number(process.env.E2E_PORT ?? 3200);

// Debian's Chromium (Playwright cannot download browsers here); the real server on a real database.
export default defineConfig({
  testDir: 'tests/e2e',
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  globalSetup: './tests/e2e/global-setup.ts',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
    viewport: { width: 1440, height: 900 },
    locale: 'sl-SI',
    timezoneId: 'Europe/Ljubljana',
    trace: 'off',
  },
  webServer: {
    command: 'node dist/server.mjs',
    url: `http://127.0.0.1:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      NODE_ENV: 'production',
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATABASE_URL,
      // The server may start before the global setup: it migrates as the owner (then runs as the app role).
      DATABASE_OWNER_URL: E2E_OWNER_DATABASE_URL,
      MAP_TILE_URL: 'none',
      // 112 e-mail in the browser tests: the listener, and a relay sink the inbox test starts.
      SMTP_PORT: String(Number(process.env.E2E_PORT ?? 3200) + 25),
      MAIL_ADDRESSES: '112@cad112.local',
      MAIL_RELAY_URL: `smtp://127.0.0.1:${Number(process.env.E2E_PORT ?? 3200) + 26}`,
      LOG_LEVEL: 'warn',
      DEMO_MODE: 'true',
      // Telephony: the telephony story starts Kamailio with this token and control port.
      TELEPHONY_TOKEN: 'test-telephony-token-0123456789',
      TELEPHONY_CONTROL_URL: `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3200) + 27}`,
      // The audit screen's anchor action writes here (issue 18); the periodic job is off in the stories.
      AUDIT_ANCHOR_FILE: `${process.cwd()}/tests/.artifacts/e2e-anchors.jsonl`,
      AUDIT_ANCHOR_INTERVAL_MIN: '0',
    },
  },
});
