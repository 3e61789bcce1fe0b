'use client';

import { Fragment, useCallback, useEffect, useMemo, useState } from 'react';
import type { AuditEntry } from '@/lib/audit/list-audit';
import { EVENT_CATALOGUE, EVENT_FAMILIES, type EventFamily } from '@/lib/events/catalogue';
import { formatStamp } from '@/lib/i18n/format';
import { apiGet } from '../_components/api';
import { errorText } from '../_components/error-text';
import { eventSummary } from '../_components/event-summary';
import { useUi } from '../_components/i18n';
import { TopBar } from '../_components/TopBar';
import { useIncidentTypes } from '../_components/use-incident-types';
import type { PageUser } from '../_lib/page-props';
import { ChainPanel } from './ChainPanel';

interface Page {
  entries: AuditEntry[];
  nextBefore: number | null;
}

/** The families of entries (incident, unit, user …), for the type filter. */
const FAMILIES = Object.keys(EVENT_FAMILIES) as EventFamily[];

// The audit trail: who did what and when, read from the append-only event log.
export function Audit({ user }: { user: PageUser }) {
  const { t, lang } = useUi();
  const { typeName } = useIncidentTypes();
  const [filters, setFilters] = useState({ user: '', incident: '', unit: '', type: '', from: '', to: '' });
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const query = useMemo(() => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(filters)) if (v.trim()) q.set(k, v.trim());
    return q;
  }, [filters]);
  const load = useCallback(
    async (before?: number) => {
      setError(null);
      const q = new URLSearchParams(query);
      q.set('limit', '100');
      if (before) q.set('before', String(before));
      try {
        const page = await apiGet<Page>(`/api/audit?${q}`);
        setEntries((old) => (before ? [...old, ...page.entries] : page.entries));
        setNext(page.nextBefore);
      } catch (err) {
        setError(errorText(err, t));
      }
    },
    [query, t],
  );
  useEffect(() => {
    const id = setTimeout(() => void load(), 250);
    return () => clearTimeout(id);
  }, [load]);
  const set = (k: keyof typeof filters) => (e: { target: { value: string } }) =>
    setFilters((f) => ({ ...f, [k]: e.target.value }));

  return (
    <div className="shell">
      <TopBar user={user} current="/audit" />
      <main className="main audit-main">
        <ChainPanel />
        <section className="panel" aria-labelledby="audit-title">
          <h2 id="audit-title">{t('auditTitle')}</h2>
          <form className="filters" onSubmit={(e) => e.preventDefault()}>
            <label>
              {t('auditUser')}
              <input value={filters.user} onChange={set('user')} data-testid="audit-user" />
            </label>
            <label>
              {t('auditIncident')}
              <input
                value={filters.incident}
                onChange={set('incident')}
                placeholder="2026-000123"
                data-testid="audit-incident"
              />
            </label>
            <label>
              {t('auditUnit')}
              <input value={filters.unit} onChange={set('unit')} data-testid="audit-unit" />
            </label>
            <label>
              {t('auditType')}
              <select value={filters.type} onChange={set('type')} data-testid="audit-type">
                <option value="">{t('all')}</option>
                {FAMILIES.map((f) => (
                  <option key={f} value={`${f}.`}>
                    {EVENT_FAMILIES[f][lang]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('periodFrom')}
              <input type="date" value={filters.from} onChange={set('from')} />
            </label>
            <label>
              {t('periodTo')}
              <input type="date" value={filters.to} onChange={set('to')} />
            </label>
            <a className="button" href={`/api/audit?${query}&limit=1000&format=csv`} download>
              {t('exportCsv')}
            </a>
          </form>
          {error && (
            <div className="toast err" role="alert">
              {error}
            </div>
          )}
          <table className="table audit-table" data-testid="audit-table">
            <thead>
              <tr>
                <th>{t('auditWhen')}</th>
                <th>{t('auditWhat')}</th>
                <th>{t('auditWho')}</th>
                <th>{t('auditIncident')}</th>
                <th>{t('auditUnit')}</th>
                <th>{t('auditDetail')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <Fragment key={e.seq}>
                  <tr data-seq={e.seq} data-type={e.type}>
                    <td className="nowrap" title={`#${e.seq}`}>
                      {formatStamp(e.at)}
                    </td>
                    <td>{EVENT_CATALOGUE[e.type].label[lang]}</td>
                    <td>{e.actor}</td>
                    <td className="nowrap">
                      {e.incidentId !== null && (
                        <a href={`/replay/${e.incidentId}`} title={t('replay')}>
                          {e.incidentNumber ?? e.incidentId}
                        </a>
                      )}
                    </td>
                    <td className="nowrap">{e.unitCallsign ?? ''}</td>
                    <td>
                      <button
                        type="button"
                        className="link-button"
                        aria-expanded={open === e.seq}
                        onClick={() => setOpen(open === e.seq ? null : e.seq)}
                      >
                        {eventSummary(e, { t, lang, typeName }) || t('auditShow')}
                      </button>
                    </td>
                  </tr>
                  {open === e.seq && (
                    <tr>
                      <td colSpan={6}>
                        <pre className="audit-json">{JSON.stringify(e.data, null, 2)}</pre>
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
          {entries.length === 0 && <p className="muted">{t('auditNone')}</p>}
          {next && (
            <button type="button" onClick={() => void load(next)} data-testid="audit-more">
              {t('auditMore')}
            </button>
          )}
        </section>
      </main>
    </div>
  );
}
