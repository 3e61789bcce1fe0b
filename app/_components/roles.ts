import type { MessageKey } from '@/lib/i18n/messages';

/** Each role's name on screen (the database's list of roles, in the order the selects offer them). */
export const ROLE_KEY = {
  call_taker: 'roleCallTaker',
  dispatcher: 'roleDispatcher',
  station: 'roleStation',
  supervisor: 'roleSupervisor',
  national: 'roleNational',
} as const satisfies Record<string, MessageKey>;

export type ClientRole = keyof typeof ROLE_KEY;
export const CLIENT_ROLES = Object.keys(ROLE_KEY) as ClientRole[];

export function roleKey(role: string): MessageKey {
  return ROLE_KEY[role as ClientRole] ?? 'roleCallTaker';
}
