import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { centres } from './centres';
import { ROLES } from './enums';
import { stations } from './organisation';

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    stationId: integer('station_id').references(() => stations.id),
    /** The centre a call-taker, dispatcher or supervisor works in (null for stations and national). */
    centreId: integer('centre_id').references(() => centres.id),
    disabled: boolean('disabled').notNull().default(false),
    /** A demo account (seeded for trying the app): it can sign in only when DEMO_MODE=true. */
    demo: boolean('demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'users_role_check',
      sql`${t.role} in ('call_taker','dispatcher','station','supervisor','national')`,
    ),
    // A station account always belongs to a station; nobody else does.
    check('users_station_check', sql`(${t.role} = 'station') = (${t.stationId} is not null)`),
    // A centre's staff belong to a centre; a station's account and the national duty officer do not.
    check(
      'users_centre_check',
      sql`(${t.role} in ('call_taker','dispatcher','supervisor')) = (${t.centreId} is not null)`,
    ),
  ],
);

// Server-side sessions. The cookie carries a random token; only its SHA-256 is stored.
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

// Bearer tokens for integrations (station alerting systems, vehicle terminals, other centres).
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    role: text('role', { enum: ROLES }).notNull(),
    stationId: integer('station_id').references(() => stations.id),
    centreId: integer('centre_id').references(() => centres.id),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    check(
      'api_tokens_role_check',
      sql`${t.role} in ('call_taker','dispatcher','station','supervisor','national')`,
    ),
    check('api_tokens_station_check', sql`(${t.role} = 'station') = (${t.stationId} is not null)`),
    check(
      'api_tokens_centre_check',
      sql`(${t.role} in ('call_taker','dispatcher','supervisor')) = (${t.centreId} is not null)`,
    ),
  ],
);

// Failed sign-ins, counted per (account, address) and per address (lib/auth/login-throttle.ts), in the
// database so that every node sees one count and a restart does not reset it.
export const loginThrottle = pgTable(
  'login_throttle',
  {
    /** 'pair:<username>|<address>' or 'addr:<address>'. */
    key: text('key').primaryKey(),
    failures: integer('failures').notNull(),
    lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull(),
    /** No password is checked for this key before this moment. */
    blockedUntil: timestamp('blocked_until', { withTimezone: true }).notNull(),
  },
  (t) => [index('login_throttle_last_idx').on(t.lastFailureAt)],
);

// Browsers where an account has signed in before (a cookie holding a random token; its hash here). A
// sign-in from a known browser is throttled on its own counter only, so a stranger's failures, from
// any address, never slow the operator at a workstation they have used.
export const loginDevices = pgTable(
  'login_devices',
  {
    tokenHash: text('token_hash').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // One browser, several operators (shifts share workstations): a row per account it signed in.
  (t) => [
    primaryKey({ columns: [t.tokenHash, t.userId] }),
    index('login_devices_user_idx').on(t.userId),
    index('login_devices_used_idx').on(t.lastUsedAt),
  ],
);

export type User = typeof users.$inferSelect;
