import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
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
    disabled: boolean('disabled').notNull().default(false),
    /** A demo account (seeded for trying the app): it can sign in only when DEMO_MODE=true. */
    demo: boolean('demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('users_role_check', sql`${t.role} in ('call_taker','dispatcher','station','supervisor')`),
    // A station account always belongs to a station; nobody else does.
    check('users_station_check', sql`(${t.role} = 'station') = (${t.stationId} is not null)`),
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
  (t) => [index('sessions_user_idx').on(t.userId)],
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
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    check('api_tokens_role_check', sql`${t.role} in ('call_taker','dispatcher','station','supervisor')`),
    check('api_tokens_station_check', sql`(${t.role} = 'station') = (${t.stationId} is not null)`),
  ],
);

export type User = typeof users.$inferSelect;
