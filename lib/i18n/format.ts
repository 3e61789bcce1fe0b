// Times are always shown on a 24-hour clock in Europe/Ljubljana, whatever the browser's zone.
const TZ = 'Europe/Ljubljana';

const timeFmt = new Intl.DateTimeFormat('sl-SI', {
  timeZone: TZ,
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const DATE_TIME: Intl.DateTimeFormatOptions = {
  timeZone: TZ,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
};
const dateTimeFmt = new Intl.DateTimeFormat('sl-SI', DATE_TIME);
const stampFmt = new Intl.DateTimeFormat('sl-SI', { ...DATE_TIME, second: '2-digit' });

/** Date and time to the second, for the audit trail and replay. */
export function formatStamp(iso: string | Date | null | undefined): string {
  if (!iso) return '–';
  return stampFmt.format(typeof iso === 'string' ? new Date(iso) : iso);
}

export function formatTime(iso: string | Date | null | undefined): string {
  if (!iso) return '–';
  return timeFmt.format(typeof iso === 'string' ? new Date(iso) : iso);
}

export function formatDateTime(iso: string | Date | null | undefined): string {
  if (!iso) return '–';
  return dateTimeFmt.format(typeof iso === 'string' ? new Date(iso) : iso);
}

/** Elapsed time as m:ss or h:mm:ss. */
export function formatElapsed(fromIso: string, now: number): string {
  const s = Math.max(0, Math.floor((now - new Date(fromIso).getTime()) / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

export function formatDistance(m: number | null | undefined): string {
  if (m === null || m === undefined) return '–';
  return m < 1000 ? `${Math.round(m)} m` : `${(m / 1000).toFixed(1)} km`;
}

export function formatCoord(lat: number, lon: number): string {
  return `${lat.toFixed(5)}, ${lon.toFixed(5)}`;
}

/** D96/TM as rescue services read it on their maps: E 462 135  N 101 271 (metres). */
export function formatD96(d96: { e: number; n: number } | null | undefined): string {
  if (!d96) return '–';
  // Non-breaking spaces inside each coordinate, so a line breaks only between E and N.
  const g = (v: number) => String(Math.round(v)).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return `E\u00a0${g(d96.e)} N\u00a0${g(d96.n)}`;
}

/** A duration in seconds as m:ss or h:mm:ss (statistics); "–" when there is none. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '–';
  return formatElapsed('1970-01-01T00:00:00Z', Math.round(seconds) * 1000);
}

const partsFmt = new Intl.DateTimeFormat('en-GB', {
  timeZone: TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The wall-clock time in Ljubljana of an instant, as if it were UTC (for offset arithmetic). */
function ljubljanaWallMs(ms: number): number {
  const p = Object.fromEntries(partsFmt.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
}

/** A date (YYYY-MM-DD) and a 24-hour time (HH:MM) on the wall clocks of Ljubljana, as an instant. */
export function fromLjubljana(date: string, time: string): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(time.trim());
  if (!d || !t) return null;
  const wall = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  // The offset at the guessed instant, then once more at the corrected one (DST changes).
  let ms = wall - (ljubljanaWallMs(wall) - wall);
  ms = wall - (ljubljanaWallMs(ms) - ms);
  return new Date(ms);
}

/** A calendar date (YYYY-MM-DD) moved by whole days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** An instant as the Ljubljana date (YYYY-MM-DD) and 24-hour time (HH:MM). */
export function toLjubljana(at: Date): { date: string; time: string } {
  const iso = new Date(ljubljanaWallMs(at.getTime())).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/**
 * A wall-clock date and time in Ljubljana ("2026-12-25", "07:30") as an ISO instant, whatever the
 * browser's zone: the zone's offset at that moment is read from Intl (summer and winter time).
 */
export function ljubljanaInstant(date: string, time: string): string | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(time.trim());
  if (!d || !t) return null;
  const wall = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  const offsetAt = (ms: number) => {
    const p = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', {
        timeZone: TZ,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      })
        .formatToParts(new Date(ms))
        .map((x) => [x.type, x.value]),
    );
    return (
      Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute)) - ms
    );
  };
  // Two passes settle the offset near a change of summer time.
  let guess = wall - offsetAt(wall);
  guess = wall - offsetAt(guess);
  return new Date(guess).toISOString();
}
