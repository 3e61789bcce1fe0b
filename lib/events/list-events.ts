import { z } from 'zod';
import type { Db } from '../../db/client';
import type { Principal } from '../auth/principal';
import { toFrame } from './read-event';
import { readVisibleEvents } from './visibility';

export const ZEventsQuery = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

// GET /api/events?after=SEQ: a page of the log the viewer may see, and where to continue.
export async function listEvents(db: Db, viewer: Principal, opts: { after: number; limit: number }) {
  const rows = await readVisibleEvents(db, viewer, { after: opts.after, limit: opts.limit });
  const last = rows[rows.length - 1];
  return { events: rows.map(toFrame), next: last ? last.seq : opts.after, more: rows.length === opts.limit };
}
