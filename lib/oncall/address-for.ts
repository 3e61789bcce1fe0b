import type { ContactChannel } from '../../db/schema/enums';
import type { ServiceOnDuty } from './resolve-on-duty';

// Where a channel reaches a service now: one rule for the server that sends and the dispatcher's screen
// that offers the buttons. Type imports only, so the browser imports it.

/** The address a channel reaches: the officer's own number or e-mail, else the service's. */
export function addressFor(s: ServiceOnDuty, channel: ContactChannel): string | null {
  const own =
    channel === 'phone' || channel === 'sms' ? s.onDuty?.phone : channel === 'email' ? s.onDuty?.email : null;
  if (own) return own;
  // A mobile number the service lists for SMS is also one to call.
  const listed = channel === 'phone' ? ['phone', 'sms'] : [channel];
  for (const c of listed) {
    const found = s.contacts.find((x) => x.channel === c)?.address;
    if (found) return found;
  }
  return null;
}
