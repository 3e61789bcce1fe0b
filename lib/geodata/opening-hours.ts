import OpeningHours from 'opening_hours';

// OpenStreetMap opening_hours, evaluated by the opening_hours library in Slovenia's wall-clock time
// (its public holidays included: "PH off" is closed on 25 December). The library reads a Date's local
// fields, so the instant is turned into a Date whose local fields are the time in Ljubljana.

const cache = new Map<string, OpeningHours | null>();
const NOMINATIM = { lat: 46.05, lon: 14.5, address: { country_code: 'si', state: '' } };

function compile(expr: string): OpeningHours | null {
  let oh = cache.get(expr);
  if (oh === undefined) {
    try {
      oh = new OpeningHours(expr, NOMINATIM as never);
    } catch {
      oh = null;
    }
    if (cache.size > 20_000) cache.clear();
    cache.set(expr, oh);
  }
  return oh;
}

/** Whether the expression reads (the importer flags one that does not). */
export function readableHours(expr: string): boolean {
  return compile(expr) !== null;
}

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Ljubljana',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export function ljubljanaWallClock(at: Date): Date {
  const p = Object.fromEntries(parts.formatToParts(at).map((x) => [x.type, x.value]));
  return new Date(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
}

/** open, closed, or unknown (no hours, or hours that do not read). */
export function availability(
  expr: string | null,
  alwaysOpen: boolean,
  at: Date,
): 'open' | 'closed' | 'unknown' {
  if (alwaysOpen) return 'open';
  if (!expr) return 'unknown';
  const oh = compile(expr);
  if (!oh) return 'unknown';
  const local = ljubljanaWallClock(at);
  if (oh.getUnknown(local)) return 'unknown';
  return oh.getState(local) ? 'open' : 'closed';
}
