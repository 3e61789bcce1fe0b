// Times are always shown on a 24-hour clock in Europe/Ljubljana, whatever the browser's zone.
const TZ = 'Europe/Ljubljana';

const timeFmt = new Intl.DateTimeFormat('sl-SI', {
  timeZone: TZ,
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const dateTimeFmt = new Intl.DateTimeFormat('sl-SI', {
  timeZone: TZ,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

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
