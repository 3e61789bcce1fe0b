import type { Role } from '../../db/schema';

export type { Role };

// Who is acting: a logged-in person (session) or an integration (API token).
export interface Principal {
  kind: 'user' | 'token';
  /** user id for sessions, token id for API tokens */
  id: number;
  userId: number | null;
  name: string;
  displayName: string;
  role: Role;
  stationId: number | null;
  /** The centre a call-taker, dispatcher or supervisor works in; null for stations and national. */
  centreId: number | null;
  /** sha256 of the session or API token that authenticated this principal (to end its sockets). */
  credentialHash?: string;
}

export function actorLabel(p: Principal): string {
  return p.kind === 'user' ? p.name : `token:${p.name}`;
}

export function principalKey(p: Principal): string {
  return `${p.kind}:${p.id}`;
}
