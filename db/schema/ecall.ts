import { sql } from 'drizzle-orm';
import { boolean, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { incidents } from './incidents';

// Every eCall minimum set of data (EN 15722) received, test calls included. A repeated delivery of
// the same message (same VIN, message identifier and timestamp) is the same row.
export const ecallMessages = pgTable(
  'ecall_messages',
  {
    id: serial('id').primaryKey(),
    vin: text('vin').notNull(),
    messageIdentifier: integer('message_identifier').notNull(),
    msdTimestamp: timestamp('msd_timestamp', { withTimezone: true }).notNull(),
    automaticActivation: boolean('automatic_activation').notNull(),
    testCall: boolean('test_call').notNull(),
    incidentId: integer('incident_id').references(() => incidents.id),
    msd: jsonb('msd').notNull(),
    /** MSD format version (1, 2, 3…); JSON deliveries say which they follow, or 2. */
    msdVersion: integer('msd_version').notNull().default(2),
    /** How it came: 'uper' (the standard's binary, kept in `raw` as hex) or 'json'. */
    encoding: text('encoding').notNull().default('json'),
    /** The message exactly as received: hex of the UPER bytes, or the JSON text. */
    raw: text('raw').notNull().default(''),
    /** What deserves a second look (ECALL_DOUBTS): stored anyway, shown to the call-taker. */
    doubts: text('doubts').array().notNull().default(sql`'{}'::text[]`),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('ecall_messages_identity_uq').on(t.vin, t.messageIdentifier, t.msdTimestamp)],
);
