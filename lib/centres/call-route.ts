import { z } from 'zod';
import type { Db } from '../../db/client';
import { parseOrThrow } from '../validation';
import { centreIdByCode, listCentres } from './centre-dto';

const ZCentreCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2,10}$/, 'a centre code, e.g. KP');

/**
 * Where the edge rings a call for a centre now: the ring group of the centre handling its region
 * (`calltakers-<code>`, lower case), so the telephony follows a take-over the moment it starts.
 */
export async function callRoute(db: Db, code: string) {
  const wanted = parseOrThrow(ZCentreCode, code, 'code').toUpperCase();
  const id = await centreIdByCode(db, wanted);
  const list = await listCentres(db);
  const centre = list.find((c) => c.id === id);
  // A code the CAD does not know: no group (the edge rings the call's own centre's positions).
  if (!centre) return { centre: wanted, known: false, route: null, group: '', takeover: null };
  const handler = list.find((c) => c.id === centre.handledById) ?? centre;
  return {
    centre: centre.code,
    known: true,
    route: handler.code,
    group: `calltakers-${handler.code.toLowerCase()}`,
    takeover: centre.takeover ? { reason: centre.takeover.reason, since: centre.takeover.startedAt } : null,
  };
}
