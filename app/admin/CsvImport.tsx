'use client';

import { useRef, useState } from 'react';
import { ApiError } from '../_components/api';
import { fill } from '../_components/domain/words';
import { errorText } from '../_components/error-text';
import { useUi } from '../_components/i18n';

export interface ImportReport {
  inserted?: number;
  updated?: number;
  imported?: number;
  flagged?: number;
  rejected: { line: number; field: string; message: string }[];
}

/** Posts a chosen file as it is (CSV or GeoJSON) and shows the import's report, refused lines named. */
export async function postFile(url: string, file: File): Promise<ImportReport> {
  const contentType = /\.(geo)?json$/i.test(file.name) ? 'application/geo+json' : 'text/csv';
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: await file.text(),
  });
  const body = await res.json().catch(() => null);
  if (!res.ok)
    throw new ApiError(
      res.status,
      body?.error?.code ?? 'error',
      body?.error?.message ?? '',
      body?.error?.fields ?? [],
    );
  return body as ImportReport;
}

export function ImportResult({ report }: { report: ImportReport }) {
  const { t } = useUi();
  return (
    <div className="import-report" role="status" data-testid="import-report">
      <p>
        {fill(t('importResult'), {
          inserted: report.inserted ?? report.imported ?? 0,
          updated: report.updated ?? 0,
          flagged: report.flagged ?? 0,
          rejected: report.rejected.length,
        })}
      </p>
      {report.rejected.length > 0 && (
        <ul className="rejected">
          {report.rejected.slice(0, 200).map((r) => (
            <li key={`${r.line}-${r.field}`}>
              {t('importLine')} {r.line}: <code>{r.field}</code> {r.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The chosen file posted to an import URL: the report, or the error in the screen's language. */
export function useFileImport() {
  const { t } = useUi();
  const file = useRef<HTMLInputElement>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (url: string, onDone?: () => unknown) => {
    const f = file.current?.files?.[0];
    if (!f) return;
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      setReport(await postFile(url, f));
      await onDone?.();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };
  return { file, report, error, busy, run };
}

export function CsvImport({
  title,
  url,
  onDone,
  testId,
}: {
  title: string;
  url: string;
  onDone?: () => void;
  testId: string;
}) {
  const { t } = useUi();
  const { file, report, error, busy, run } = useFileImport();
  return (
    <div className="csv-import" data-testid={testId}>
      <h3>{title}</h3>
      <div className="row">
        <input ref={file} type="file" accept=".csv,text/csv" aria-label={t('importFile')} />
        <button type="button" onClick={() => void run(url, onDone)} disabled={busy} style={{ flex: 'none' }}>
          {t('importRun')}
        </button>
      </div>
      {error && (
        <div className="toast err" role="alert">
          {error}
        </div>
      )}
      {report && <ImportResult report={report} />}
    </div>
  );
}
