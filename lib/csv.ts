import { parse } from 'csv-parse/sync';
import { AppError } from './errors';

/**
 * A CSV file as rows keyed by its header (names trimmed and lower-cased, empty lines skipped, a BOM
 * allowed). A file that does not parse is a 400 naming the file. `ragged`: rows may have fewer or more
 * fields than the header (the importers name a row's missing field themselves).
 */
export function readCsv(text: string, opts: { ragged?: boolean } = {}): Record<string, string>[] {
  try {
    return parse(text, {
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      skip_empty_lines: true,
      bom: true,
      trim: true,
      relax_column_count: opts.ragged ?? false,
    });
  } catch (err) {
    throw new AppError('validation_failed', `CSV: ${(err as Error).message}`, [
      { field: 'file', message: (err as Error).message },
    ]);
  }
}
