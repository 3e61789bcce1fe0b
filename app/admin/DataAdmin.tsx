'use client';

import { useCallback, useEffect, useState } from 'react';
import type { LocationNoteDto } from '@/lib/geodata/nearest';
import type { MessageKey } from '@/lib/i18n/messages';
import { apiGet, apiSend } from '../_components/api';
import { errorText } from '../_components/error-text';
import { useUi } from '../_components/i18n';
import { ImportResult, useFileImport } from './CsvImport';

const DATASETS = ['aed', 'water', 'hospital', 'note', 'dangerous_goods'] as const;

// The domain databases for supervisors: how much each holds, imports (GeoJSON from OpenStreetMap or
// CSV, WGS84 or D96/TM; refused lines named), and the location notes with their authors.
export function DataAdmin() {
  const { t } = useUi();
  const [summary, setSummary] = useState<Record<string, number> | null>(null);
  const [notes, setNotes] = useState<LocationNoteDto[]>([]);
  const [dataset, setDataset] = useState<(typeof DATASETS)[number]>('aed');
  const [format, setFormat] = useState<'geojson' | 'csv'>('geojson');
  const { file, report, error, busy, run } = useFileImport();
  const [noteError, setNoteError] = useState<string | null>(null);
  const load = useCallback(async () => {
    setSummary(await apiGet<Record<string, number>>('/api/domain/summary'));
    setNotes(await apiGet<LocationNoteDto[]>('/api/location-notes'));
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  const fmt = dataset === 'dangerous_goods' ? 'csv' : format;

  return (
    <div className="admin-grid admin-grid-wide">
      <section className="panel">
        <h2>{t('dataAdmin')}</h2>
        {summary && (
          <table className="table" data-testid="data-summary">
            <caption>{t('dataCounts')}</caption>
            <tbody>
              <tr>
                <th>{t('ds_aed')}</th>
                <td>
                  {summary.aeds} ({summary.aeds_flagged} ⚠)
                </td>
              </tr>
              <tr>
                <th>{t('ds_water')}</th>
                <td>
                  {summary.water} ({summary.water_flagged} ⚠)
                </td>
              </tr>
              <tr>
                <th>{t('ds_hospital')}</th>
                <td>{summary.hospitals}</td>
              </tr>
              <tr>
                <th>{t('ds_note')}</th>
                <td>{summary.notes}</td>
              </tr>
              <tr>
                <th>{t('ds_dangerous_goods')}</th>
                <td>{summary.dangerous_goods}</td>
              </tr>
              <tr>
                <th>{t('oncallTitle')}</th>
                <td>{summary.services}</td>
              </tr>
              <tr>
                <th>{t('dataMunicipalities')}</th>
                <td>{summary.municipalities}</td>
              </tr>
            </tbody>
          </table>
        )}
        <h3>{t('importFile')}</h3>
        <div className="row" data-testid="data-import">
          <label>
            {t('dataset')}{' '}
            <select value={dataset} onChange={(e) => setDataset(e.target.value as typeof dataset)}>
              {DATASETS.map((d) => (
                <option key={d} value={d}>
                  {t(`ds_${d}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('fileFormat')}{' '}
            <select
              value={fmt}
              disabled={dataset === 'dangerous_goods'}
              onChange={(e) => setFormat(e.target.value as typeof format)}
            >
              <option value="geojson">GeoJSON</option>
              <option value="csv">CSV</option>
            </select>
          </label>
          <input
            ref={file}
            type="file"
            aria-label={t('importFile')}
            accept={fmt === 'csv' ? '.csv,text/csv' : '.geojson,.json,application/geo+json'}
          />
          <button
            type="button"
            onClick={() => void run(`/api/domain/import?dataset=${dataset}&format=${fmt}`, load)}
            disabled={busy}
            style={{ flex: 'none' }}
          >
            {t('importRun')}
          </button>
        </div>
        {error && (
          <div className="toast err" role="alert">
            {error}
          </div>
        )}
        {report && <ImportResult report={report} />}
      </section>
      <section className="panel">
        <h2>{t('notesAdmin')}</h2>
        {noteError && (
          <div className="toast err" role="alert">
            {noteError}
          </div>
        )}
        <ul className="list" data-testid="notes-admin">
          {notes.map((n) => (
            <li key={n.id}>
              <span className={`sev sev-${n.severity}`}>{t(`sev_${n.severity}` as MessageKey)}</span> {n.text}{' '}
              <span className="muted">
                · {n.address || `${n.lat.toFixed(5)}, ${n.lon.toFixed(5)}`} · {n.radiusM} m · {n.authorName}
                {n.validUntil
                  ? ` · ${t('noteValidUntil')} ${n.validUntil.split('-').reverse().join('. ')}`
                  : ''}
              </span>{' '}
              <button
                type="button"
                onClick={() =>
                  void apiSend('DELETE', `/api/location-notes/${n.id}`)
                    .then(load)
                    .catch((err) => setNoteError(errorText(err, t)))
                }
              >
                {t('noteDelete')}
              </button>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
