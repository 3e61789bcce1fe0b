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
  /** The body is not JSON: the handler gets it as text and bytes (see RawBody). */
  raw?: true;
  /** With raw: a file import, read up to IMPORT_MAX_BYTES instead of MAX_BODY_BYTES. */
  largeBody?: true;
  /** With raw: the request media types the route reads (the API document lists them). */
  accepts?: readonly string[];
  /** Status of a successful answer. */
  status?: number;
  /**
   * Media types of a successful answer other than application/json (the API document lists them); a
   * JSON body's schema is read from the handler (lib/http/response-schemas.json).
   */
  produces?: readonly string[];
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
