import type { RealtimeHub } from './hub';

// server.ts owns the hub; Next's route handlers (bundled separately) reach it through globalThis.
const g = globalThis as { __cad112Hub?: RealtimeHub };

export function setHub(hub: RealtimeHub | undefined): void {
  g.__cad112Hub = hub;
}

export function hubStats() {
  return g.__cad112Hub?.stats() ?? null;
}
