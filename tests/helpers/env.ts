// The suites run like production: the server and the tests' own connections use the application's role
// (cad112_app: may only append to the event log), migrations and seeds the owner's (cad112_owner).
// tests/prepare.sh creates both roles and the databases.
const PG = process.env.TEST_PG_HOST ?? '127.0.0.1:5432';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? `postgres://cad112_app@${PG}/cad112_test`;
export const TEST_OWNER_DATABASE_URL =
  process.env.TEST_OWNER_DATABASE_URL ?? `postgres://cad112_owner@${PG}/cad112_test`;
export const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL ?? `postgres://cad112_app@${PG}/cad112_e2e`;
export const E2E_OWNER_DATABASE_URL =
  process.env.E2E_OWNER_DATABASE_URL ?? `postgres://cad112_owner@${PG}/cad112_e2e`;
/** The cluster's superuser: only for what neither role may do (a tamper test's own database). */
export const ADMIN_DATABASE_URL = process.env.ADMIN_DATABASE_URL ?? `postgres://postgres@${PG}/postgres`;
