import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { municipalities, oncallServices } from '../../db/schema';
import { CONTACT_CHANNELS, SERVICE_KINDS } from '../../db/schema/enums';
import type { Principal } from '../auth/principal';
import { readCsv } from '../csv';
import { AppError } from '../errors';
import { inWriteTx } from '../events/write-tx';
import { normaliseSearch } from '../geo/normalise';
import { fieldErrors } from '../validation';
import { saveServiceTx } from './save-service';
import { type TSaveService, ZSaveService } from './schemas';

// The directory from a CSV (docs/domain-data.md): one row per shift, rows with the same code make one
// service (its fields from the first row that has them). A re-import replaces each service's roster,
// so importing the same file twice changes nothing. A service with a bad line is not imported and the
// line is named; the other services are.

export interface ImportReport {
  imported: number;
  rejected: { line: number; field: string; message: string }[];
}

const DAY_NAMES: Record<string, number> = {
  mo: 1,
  tu: 2,
  we: 3,
  th: 4,
  fr: 5,
  sa: 6,
  su: 7,
  po: 1,
  to: 2,
  sr: 3,
  ce: 4,
  pe: 5,
  so: 6,
  ne: 7,
};

const FULL_DAY_NAMES: Record<string, number> = Object.fromEntries(
  [
    ['monday', 'mon', 'ponedeljek', 'pon'],
    ['tuesday', 'tue', 'torek', 'tor'],
    ['wednesday', 'wed', 'sreda', 'sre'],
    ['thursday', 'thu', 'cetrtek', 'cet'],
    ['friday', 'fri', 'petek', 'pet'],
    ['saturday', 'sat', 'sobota', 'sob'],
    ['sunday', 'sun', 'nedelja', 'ned'],
  ].flatMap((names, i) => names.map((n) => [n, i + 1])),
);

/** "Mo-Fr", "Sa,Su", "1-5", "po-pe", "Monday", "daily" → ISO weekdays; null when unreadable. */
export function parseDays(text: string): number[] | null {
  const t = normaliseSearch(text).replace(/ /g, '');
  if (t === '' || t === 'daily' || t === 'vsakdan' || t === 'all') return [1, 2, 3, 4, 5, 6, 7];
  const day = (s: string) => (/^[1-7]$/.test(s) ? Number(s) : (DAY_NAMES[s] ?? FULL_DAY_NAMES[s]));
  const out = new Set<number>();
  for (const part of text.split(/[,;]/)) {
    const [a, b, ...rest] = normaliseSearch(part)
      .split(/\s*-\s*|\s+/)
      .filter(Boolean);
    if (rest.length || a === undefined) return null;
    const from = day(a);
    const to = b === undefined ? from : day(b);
    if (!from || !to) return null;
    for (let d = from; ; d = (d % 7) + 1) {
      out.add(d);
      if (d === to) break;
    }
  }
  return [...out].sort();
}

const yes = (v: string | undefined) => /^(1|yes|true|da|y)$/i.test((v ?? '').trim());
const list = (v: string | undefined) =>
  (v ?? '')
    .split(/[;|]/)
    .map((s) => s.trim())
    .filter(Boolean);

export async function importServices(db: Db, actor: Principal, csvText: string): Promise<ImportReport> {
  const records = readCsv(csvText, { ragged: true });
  if (records.length === 0 || !('code' in (records[0] ?? {})))
    throw new AppError('validation_failed', 'CSV: no rows, or no "code" column', [
      { field: 'file', message: 'a header line with code,name,kind,… (docs/domain-data.md)' },
    ]);
  const towns = await db
    .select({ id: municipalities.id, search: municipalities.search })
    .from(municipalities);
  const townId = new Map(towns.map((m) => [m.search, m.id]));

  const groups = new Map<
    string,
    {
      lines: number[];
      shiftLines: number[];
      input: Record<string, unknown>;
      errors: ImportReport['rejected'];
    }
  >();
  records.forEach((r, i) => {
    const line = i + 2;
    const code = (r.code ?? '').trim();
    const g = groups.get(code) ?? { lines: [], shiftLines: [], input: { shifts: [] }, errors: [] };
    groups.set(code, g);
    g.lines.push(line);
    const bad = (field: string, message: string) => g.errors.push({ line, field, message });
    const input = g.input;
    if (input.code === undefined) {
      input.code = code;
      if (r.name) input.name = r.name;
      if (r.kind) input.kind = r.kind;
      input.national = yes(r.national);
      input.incidentTypes = list(r.incident_types);
      input.note = r.note ?? '';
      input.handoverStation = r.handover_station || null;
      const ids: number[] = [];
      for (const name of list(r.municipalities)) {
        const id = townId.get(normaliseSearch(name));
        if (id === undefined) bad('municipalities', `no municipality "${name}"`);
        else ids.push(id);
      }
      input.municipalityIds = ids;
      input.contacts = CONTACT_CHANNELS.flatMap((channel) =>
        list(r[channel]).map((address) => ({ channel, address })),
      );
      if (r.kind && !(SERVICE_KINDS as readonly string[]).includes(r.kind))
        bad('kind', `one of ${SERVICE_KINDS.join(', ')}`);
    }
    if (r.officer || r.days || r.starts || r.ends) {
      const days = parseDays(r.days ?? '');
      if (!days) bad('days', 'weekdays like Mo-Fr, Sa,Su, 1-5 or daily');
      for (const weekday of days ?? []) {
        g.shiftLines.push(line);
        (input.shifts as unknown[]).push({
          weekday,
          starts: r.starts ?? '',
          ends: r.ends ?? '',
          officer: r.officer ?? '',
          phone: r.officer_phone || null,
          email: r.officer_email || null,
        });
      }
    }
  });

  const report: ImportReport = { imported: 0, rejected: [] };
  for (const [, g] of groups) {
    const parsed = ZSaveService.safeParse(g.input);
    if (!parsed.success) {
      for (const f of fieldErrors(parsed.error)) {
        // A shift's error names the line the shift came from.
        const shift = /^shifts\.(\d+)\.(.+)$/.exec(f.field);
        const line = shift ? g.shiftLines[Number(shift[1])] : g.lines[0];
        g.errors.push({
          line: line ?? 0,
          field: shift ? (shift[2] ?? f.field) : f.field,
          message: f.message,
        });
      }
    }
    if (g.errors.length || !parsed.success) {
      report.rejected.push(...g.errors);
      continue;
    }
    try {
      await inWriteTx(db, actor, async (w) => {
        const [existing] = await w.tx
          .select({ id: oncallServices.id })
          .from(oncallServices)
          .where(eq(oncallServices.code, parsed.data.code));
        const input: TSaveService = { ...parsed.data, ...(existing ? { id: existing.id } : {}) };
        return saveServiceTx(w, input);
      });
      report.imported++;
    } catch (err) {
      const e = err instanceof AppError ? err : null;
      report.rejected.push({
        line: g.lines[0] ?? 0,
        field: e?.fields[0]?.field.replace(/^body\./, '') ?? 'code',
        message: e?.fields[0]?.message ?? e?.message ?? 'not saved',
      });
    }
  }
  report.rejected.sort((a, b) => a.line - b.line);
  return report;
}
