// POST /api/telephony/events – the SIP edge (Kamailio) tells the CAD of calls' lives (one event or a batch)
import { handle } from '@/lib/http/handler';
import { log } from '@/lib/log';
import { checkTelephonyCaller } from '@/lib/telephony/edge-auth';
import { receiveEdgeEvent, receiveEdgeEvents } from '@/lib/telephony/receive-edge-event';
import { type EdgeEvent, ZEdgeEvent } from '@/lib/telephony/schemas';

export const POST = handle('telephonyEvents', async ({ db, req, body }) => {
  checkTelephonyCaller(req);
  if (!Array.isArray(body)) return receiveEdgeEvent(db, body);
  // A batch: what reads is applied in order; what does not is named and not retried (it never will read).
  const valid: EdgeEvent[] = [];
  const refused: { index: number; fields: string[] }[] = [];
  body.forEach((item, index) => {
    const parsed = ZEdgeEvent.safeParse(item);
    if (parsed.success) valid.push(parsed.data);
    else refused.push({ index, fields: parsed.error.issues.map((i) => `body.${index}.${i.path.join('.')}`) });
  });
  if (refused.length > 0) log().error({ refused }, 'edge events the CAD cannot read were skipped');
  const results = valid.length > 0 ? await receiveEdgeEvents(db, valid) : [];
  return { results, refused };
});
