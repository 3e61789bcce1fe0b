import type { z } from 'zod';
import { ROLES, type Role } from '../../db/schema/enums';

// What a route is: method, path, who may call it, the schemas of what it takes. The tables in
// ./route-table/ list the routes; ./routes.ts joins them into the one table everything reads.

export type Access = 'public' | 'authenticated' | readonly Role[];

export interface RouteSpec {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  summary: string;
  access: Access;
  body?: z.ZodType;
  query?: z.ZodType;
  /** Accepts an Idempotency-Key header; a repeated key replays the stored answer. */
  idempotent?: boolean;
  /** The body is not JSON: the handler gets it as text (see RawBody). */
  raw?: true;
  /** Status of a successful answer. */
  status?: number;
}

export const CENTRE: readonly Role[] = ['call_taker', 'dispatcher', 'supervisor'];
export const DISPATCH: readonly Role[] = ['dispatcher', 'supervisor'];
export const SUPERVISOR: readonly Role[] = ['supervisor'];
export const ALL: readonly Role[] = ROLES;

export function allowed(access: Access, role: Role | null): boolean {
  if (access === 'public') return true;
  if (role === null) return false;
  if (access === 'authenticated') return true;
  return access.includes(role);
}
