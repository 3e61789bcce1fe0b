import { sql } from 'drizzle-orm';
import {
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { geographyPoint } from './types';

// Device locations of callers: AML (SMS and HTTPS forms) and eCall. Kept apart from the location a
// call-taker types: a fix is shown beside the form and used only when a person chooses to.
export const locationFixes = pgTable(
  'location_fixes',
  {
    id: serial('id').primaryKey(),
    phone: text('phone').notNull(),
    source: text('source', { enum: ['aml_sms', 'aml_https', 'ecall'] }).notNull(),
    /** null for an AML "no fix" message */
    position: geographyPoint('position'),
    /** Metres as the device sent them (an HTTPS fix's 11.8 m stays 11.8). */
    accuracyM: doublePrecision('accuracy_m'),
    confidencePct: integer('confidence_pct'),
    method: text('method'),
    fixAt: timestamp('fix_at', { withTimezone: true }),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    imei: text('imei'),
    imsi: text('imsi'),
    details: jsonb('details').notNull().default(sql`'{}'::jsonb`),
    raw: text('raw').notNull(),
    /** What deserves a second look (AML_DOUBTS, ECALL_DOUBTS): stored anyway, shown to the call-taker. */
    doubts: text('doubts').array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [
    index('location_fixes_phone_idx').on(t.phone, t.receivedAt),
    check('location_fixes_source_check', sql`${t.source} in ('aml_sms','aml_https','ecall')`),
  ],
);

export type LocationFix = typeof locationFixes.$inferSelect;
