// POST /api/oncall/acknowledge – an officer's acknowledgement by the token of the notification's link
import { handle } from '@/lib/http/handler';
import { acknowledgeByToken } from '@/lib/oncall/notify-service';

export const POST = handle('acknowledgeByLink', async ({ db, body }) => {
  const n = await acknowledgeByToken(db, body.token, body.via, body.note);
  // The officer sees that it worked, not the incident's details beyond what the message said.
  return { acknowledged: true, acknowledgedAt: n.acknowledgedAt, serviceName: n.serviceName, text: n.text };
});
