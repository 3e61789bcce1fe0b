// POST /api/sms/status – delivery report for an SMS the centre sent
import { handle } from '@/lib/http/handler';
import { smsDeliveryReport } from '@/lib/messages/sms';

export const POST = handle('smsStatus', async ({ db, principal, body }) =>
  smsDeliveryReport(db, principal, body),
);
