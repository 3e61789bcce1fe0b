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
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('ecall_messages_identity_uq').on(t.vin, t.messageIdentifier, t.msdTimestamp)],
);
