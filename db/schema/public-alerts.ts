import { index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { geographyPolygon } from './types';

// Public warnings a supervisor publishes as CAP 1.2 (scope Public) for an area drawn on the map, and
// their cancellations; GET /api/cap/feed lists them as an Atom feed for public-warning systems.
export const publicAlerts = pgTable(
  'public_alerts',
  {
    id: serial('id').primaryKey(),
    identifier: text('identifier').notNull(),
    msgType: text('msg_type', { enum: ['Alert', 'Cancel'] }).notNull(),
    /** For a Cancel: the alert it cancels. */
    cancels: integer('cancels'),
    status: text('status', { enum: ['Actual', 'Exercise'] }).notNull(),
    category: text('category').notNull(),
    urgency: text('urgency').notNull(),
    severity: text('severity').notNull(),
    certainty: text('certainty').notNull(),
    eventSl: text('event_sl').notNull(),
    eventEn: text('event_en').notNull(),
    headlineSl: text('headline_sl').notNull(),
    headlineEn: text('headline_en').notNull(),
    descriptionSl: text('description_sl').notNull().default(''),
    descriptionEn: text('description_en').notNull().default(''),
    instructionSl: text('instruction_sl').notNull().default(''),
    instructionEn: text('instruction_en').notNull().default(''),
    areaDesc: text('area_desc').notNull(),
    area: geographyPolygon('area').notNull(),
    sent: timestamp('sent', { withTimezone: true }).notNull().defaultNow(),
    expires: timestamp('expires', { withTimezone: true }).notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdByName: text('created_by_name').notNull(),
  },
  (t) => [
    uniqueIndex('public_alerts_identifier_uq').on(t.identifier),
    index('public_alerts_sent_idx').on(t.sent),
  ],
);
