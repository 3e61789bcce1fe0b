import { z } from 'zod';
import { env } from '../env';
import { log } from '../log';

export interface LatLon {
  lat: number;
  lon: number;
}

/** Road travel from one origin to each destination; null where the engine found no route. */
export interface TravelTable {
  durationsS: (number | null)[];
  distancesM: (number | null)[];
}

export interface Router {
  /** Rejects when the engine is down, slow or answers nonsense: the caller falls back. */
  table(from: LatLon, to: LatLon[]): Promise<TravelTable>;
}

/** An OSRM table answer: https://project-osrm.org/docs/v5.24.0/api/#table-service */
const ZOsrmTable = z.object({
  code: z.literal('Ok'),
  durations: z.array(z.array(z.number().nonnegative().nullable())).min(1),
  distances: z.array(z.array(z.number().nonnegative().nullable())).optional(),
});

/** OSRM's default --max-table-size is 100 locations; one is the origin. */
export const MAX_DESTINATIONS = 99;
/** After a failure the engine is left alone this long, so every request does not wait for a timeout. */
const COOL_DOWN_MS = 30_000;

// OSRM-compatible table service client (OSRM, and engines that copy its API such as Valhalla's OSRM
// output or GraphHopper's compatibility layer). One request per recommendation: origin = the
// incident, destinations = the candidate units. Bounded by a timeout and a circuit breaker.
export class OsrmRouter implements Router {
  private downUntil = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly opts: { profile?: string; timeoutMs?: number; now?: () => number } = {},
  ) {}

  async table(from: LatLon, to: LatLon[]): Promise<TravelTable> {
    if (to.length === 0) return { durationsS: [], distancesM: [] };
    if (to.length > MAX_DESTINATIONS) throw new Error(`at most ${MAX_DESTINATIONS} destinations`);
    const now = this.opts.now ?? Date.now;
    if (now() < this.downUntil) throw new Error('routing engine unavailable (cooling down after a failure)');
    const coords = [from, ...to].map((p) => `${p.lon.toFixed(6)},${p.lat.toFixed(6)}`).join(';');
    const url = `${this.baseUrl.replace(/\/+$/, '')}/table/v1/${this.opts.profile ?? 'driving'}/${coords}?sources=0&annotations=duration,distance`;
    try {
      const res = await fetch(url, {
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 1500),
        headers: { accept: 'application/json' },
      });
      if (!res.ok) throw new Error(`routing engine answered HTTP ${res.status}`);
      const json: unknown = await res.json().catch(() => null);
      const parsed = ZOsrmTable.safeParse(json);
      if (!parsed.success) throw new Error('routing engine answered an unexpected document');
      const durations = parsed.data.durations[0] ?? [];
      const distances = parsed.data.distances?.[0] ?? [];
      if (durations.length !== to.length + 1)
        throw new Error('routing engine answered the wrong number of routes');
      // Index 0 is the origin itself.
      return {
        durationsS: durations.slice(1).map((d) => (d === null ? null : Math.round(d))),
        distancesM: to.map((_, i) => {
          const d = distances[i + 1];
          return d === undefined || d === null ? null : Math.round(d);
        }),
      };
    } catch (err) {
      this.downUntil = now() + COOL_DOWN_MS;
      const message =
        err instanceof Error && err.name === 'TimeoutError'
          ? 'routing engine timed out'
          : String((err as Error).message ?? err);
      log().warn(
        { err: message, url: this.baseUrl },
        'routing engine failed; straight-line distances for 30 s',
      );
      throw new Error(message);
    }
  }
}

const g = globalThis as { __cad112Router?: { url: string; router: OsrmRouter } };

/** The configured router (ROUTING_URL), shared by the process; null when none is configured. */
export function configuredRouter(): Router | null {
  const { ROUTING_URL, ROUTING_PROFILE, ROUTING_TIMEOUT_MS } = env();
  if (!ROUTING_URL) return null;
  if (g.__cad112Router?.url !== ROUTING_URL)
    g.__cad112Router = {
      url: ROUTING_URL,
      router: new OsrmRouter(ROUTING_URL, { profile: ROUTING_PROFILE, timeoutMs: ROUTING_TIMEOUT_MS }),
    };
  return g.__cad112Router.router;
}
