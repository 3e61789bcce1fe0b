import type { RawData, WebSocket } from 'ws';
import type { Db } from '../../db/client';
import { acknowledgeAlert } from '../alerts/acknowledge-alert';
import { markAlertDelivered } from '../alerts/mark-alert-delivered';
import type { Principal } from '../auth/principal';
import { AppError, isDatabaseUnavailable } from '../errors';
import { allowed, WS_MESSAGE_ACCESS } from '../http/routes';
import { fieldErrors } from '../validation';
import { ZClientMessage } from './event-types';
import type { RealtimeHub } from './hub';

const MAX_BAD_MESSAGES = 20;

// One socket's messages: parsed as a discriminated union, authorised per type, then the same lib
// operations the HTTP routes call. Garbage gets an error frame; a flood of garbage closes the socket.
export function attachSocket(
  hub: RealtimeHub,
  db: Db,
  ws: WebSocket,
  principal: Principal,
  onError: (err: unknown) => void,
) {
  const client = hub.add(ws, principal);
  let bad = 0;

  const fail = (code: string, message: string, fields?: { field: string; message: string }[]) => {
    hub.send(client, { type: 'error', code, message, ...(fields ? { fields } : {}) });
    if (++bad > MAX_BAD_MESSAGES) ws.close(1008, 'too many invalid messages');
  };

  ws.on('message', async (raw: RawData, isBinary: boolean) => {
    hub.markAlive(client);
    if (isBinary) return fail('bad_request', 'text frames with JSON only');
    let value: unknown;
    try {
      value = JSON.parse(raw.toString());
    } catch {
      return fail('bad_request', 'malformed JSON');
    }
    const parsed = ZClientMessage.safeParse(value);
    if (!parsed.success) return fail('validation_failed', 'invalid message', fieldErrors(parsed.error));
    const msg = parsed.data;
    if (!allowed(WS_MESSAGE_ACCESS[msg.type], principal.role))
      return fail('forbidden', `${msg.type} is not permitted for role ${principal.role}`);
    try {
      switch (msg.type) {
        case 'subscribe':
          hub.subscribe(client, msg.since);
          return;
        case 'ping':
          hub.send(client, { type: 'pong' });
          return;
        case 'alert.delivered':
          await markAlertDelivered(db, principal, msg.alertId);
          return;
        case 'alert.ack':
          await acknowledgeAlert(db, principal, msg.alertId);
          hub.send(client, { type: 'ack.result', requestId: msg.requestId, alertId: msg.alertId, ok: true });
          return;
      }
    } catch (err) {
      if (err instanceof AppError) {
        if (msg.type === 'alert.ack')
          hub.send(client, {
            type: 'ack.result',
            requestId: msg.requestId,
            alertId: msg.alertId,
            ok: false,
            error: err.message,
          });
        return fail(err.code, err.message, err.fields);
      }
      if (isDatabaseUnavailable(err)) return fail('unavailable', 'database unavailable, retry shortly');
      onError(err);
      return fail('internal', 'internal error');
    }
  });
}
