'use client';

import { useCallback, useEffect, useMemo, useState } from 'react';
import { addDays, formatDuration, toLjubljana } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';
import type { Stats as StatsData } from '@/lib/stats/compute-stats';
import { RESPONSE_AGENCIES } from '../_components/agencies';
import { apiGet } from '../_components/api';
import { BarChart } from '../_components/Chart';
import { errorText } from '../_components/error-text';
import { useUi } from '../_components/i18n';
import type { IncidentType } from '../_components/live-state';
import { LiveMap } from '../_components/Map';
import { TopBar } from '../_components/TopBar';
import { useCentres } from '../_components/use-centres';
import type { MapConfig, PageUser } from '../_lib/page-props';

const METRIC_KEY: Record<string, MessageKey> = {
  call_to_created: 'metricCallToCreated',
  created_to_alerted: 'metricCreatedToAlerted',
  alerted_to_ack: 'metricAlertedToAck',
  ack_to_on_scene: 'metricAckToOnScene',
};

interface Heat {
  cells: [number, number, number][];
  max: number;
  total: number;
}

// Response times and volume for a period, from the event log: the supervisor's monthly report and the
// answer to "how fast did we get the first engine out last night".
export function Stats({ user, map }: { user: PageUser; map: MapConfig }) {
  const { t, lang } = useUi();
  // The last 30 days in Ljubljana, as the API's default.
  const [filters, setFilters] = useState(() => {
    const today = toLjubljana(new Date()).date;
    // A supervisor sees their centre's incidents first; "all" is one choice away.
    return {
      from: addDays(today, -29),
      to: today,
      agency: '',
      priority: '',
      type: '',
      centreId: user.centreId ? String(user.centreId) : '',
    };
  });
  const centres = useCentres();
  const [data, setData] = useState<StatsData | null>(null);
  const [heat, setHeat] = useState<Heat | null>(null);
  const [types, setTypes] = useState<IncidentType[]>([]);
  const [error, setError] = useState<string | null>(null);
  const query = useMemo(() => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
    return q.toString();
  }, [filters]);
  const load = useCallback(async () => {
    setError(null);
    try {
      const [s, h] = await Promise.all([
        apiGet<StatsData>(`/api/stats/summary?${query}`),
        apiGet<Heat>(`/api/stats/heat?${query}`),
      ]);
      setData(s);
      setHeat(h);
    } catch (err) {
      setError(errorText(err, t));
    }
  }, [query, t]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    void apiGet<IncidentType[]>('/api/incident-types').then(setTypes);
  }, []);
  const typeName = useCallback(
    (code: string) => types.find((x) => x.code === code)?.name[lang] ?? code,
    [types, lang],
  );
  const set = (k: keyof typeof filters) => (e: { target: { value: string } }) =>
    setFilters((f) => ({ ...f, [k]: e.target.value }));

  const charts = useMemo(() => {
    if (!data) return null;
    return {
      times: {
        // "call → incident created" on two lines under its bars.
        labels: data.responseTimes.map((m) => {
          const [a = '', b = ''] = t(METRIC_KEY[m.metric] ?? 'metricCallToCreated').split(' → ');
          return [`${a} →`, b];
        }),
        series: [
          { label: t('median'), data: data.responseTimes.map((m) => m.medianS ?? 0), color: '#4493f8' },
          { label: t('p90'), data: data.responseTimes.map((m) => m.p90S ?? 0), color: '#f0883e' },
        ],
      },
      hours: {
        labels: data.perHour.map((h) => String(h.hour).padStart(2, '0')),
        series: [
          { label: t('incidentsCount'), data: data.perHour.map((h) => h.count), color: '#4493f8' },
          ...(data.calls.total > 0
            ? [{ label: t('statsCalls'), data: data.calls.perHour.map((h) => h.count), color: '#8250df' }]
            : []),
        ],
      },
      days: {
        labels: data.perDay.map((d) => d.date.slice(5).split('-').reverse().join('.')),
        series: [{ label: t('incidentsCount'), data: data.perDay.map((d) => d.count), color: '#3fb950' }],
      },
      types: {
        labels: data.perType.map((x) => typeName(x.type)),
        series: [{ label: t('incidentsCount'), data: data.perType.map((x) => x.count), color: '#a371f7' }],
      },
    };
  }, [data, t, typeName]);

  return (
    <div className="shell">
      <TopBar user={user} current="/stats" />
      <main className="main stats-main">
        <section className="panel stats-panel" aria-labelledby="stats-title">
          <h2 id="stats-title">{t('statsTitle')}</h2>
          <form
            className="filters"
            onSubmit={(e) => {
              e.preventDefault();
              void load();
            }}
          >
            <label>
              {t('periodFrom')}
              <input type="date" value={filters.from} onChange={set('from')} data-testid="stats-from" />
            </label>
            <label>
              {t('periodTo')}
              <input type="date" value={filters.to} onChange={set('to')} data-testid="stats-to" />
            </label>
            <label>
              {t('centreField')}
              <select value={filters.centreId} onChange={set('centreId')} data-testid="stats-centre">
                <option value="">{t('all')}</option>
                {centres.list.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name[lang]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('filterAgency')}
              <select value={filters.agency} onChange={set('agency')} data-testid="stats-agency">
                <option value="">{t('all')}</option>
                {RESPONSE_AGENCIES.map((a) => (
                  <option key={a} value={a}>
                    {t(`agency_${a}` as MessageKey)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('priority')}
              <select value={filters.priority} onChange={set('priority')} data-testid="stats-priority">
                <option value="">{t('all')}</option>
                <option value="red">{t('priorityRed')}</option>
                <option value="yellow">{t('priorityYellow')}</option>
                <option value="green">{t('priorityGreen')}</option>
              </select>
            </label>
            <label>
              {t('incidentType')}
              <select value={filters.type} onChange={set('type')}>
                <option value="">{t('all')}</option>
                {types.map((x) => (
                  <option key={x.code} value={x.code}>
                    {x.name[lang]}
                  </option>
                ))}
              </select>
            </label>
            <a
              className="button"
              href={`/api/stats/summary?${query}&format=csv`}
              download
              data-testid="stats-csv"
            >
              {t('exportCsv')}
            </a>
          </form>
          {error && (
            <div className="toast err" role="alert">
              {error}
            </div>
          )}
          {data && charts && (
            <>
              <p className="stats-total" data-testid="stats-total">
                {t('incidentsCount')}: <strong>{data.incidents}</strong> ·{' '}
                {data.perPriority.map((p) => (
                  <span key={p.priority} className="prio-count" data-priority={p.priority}>
                    <span className={`prio prio-${p.priority}`} /> {p.count}
                  </span>
                ))}
              </p>
              <table className="table" data-testid="stats-times">
                <caption className="muted">{t('responseTimes')}</caption>
                <thead>
                  <tr>
                    <th>{t('interval')}</th>
                    <th>{t('count')}</th>
                    <th>{t('median')}</th>
                    <th>{t('p90')}</th>
                    <th>{t('mean')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.responseTimes.map((m) => (
                    <tr key={m.metric} data-metric={m.metric}>
                      <td>{t(METRIC_KEY[m.metric] ?? 'metricCallToCreated')}</td>
                      <td>{m.count}</td>
                      <td>{formatDuration(m.medianS)}</td>
                      <td>{formatDuration(m.p90S)}</td>
                      <td>{formatDuration(m.meanS)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <CallFigures calls={data.calls} />
              <div className="charts">
                <BarChart
                  title={t('responseTimes')}
                  labels={charts.times.labels}
                  series={charts.times.series}
                  format={formatDuration}
                  testId="chart-times"
                />
                <BarChart
                  title={t('perHour')}
                  labels={charts.hours.labels}
                  series={charts.hours.series}
                  testId="chart-hours"
                />
                <BarChart
                  title={t('perDay')}
                  labels={charts.days.labels}
                  series={charts.days.series}
                  line
                  testId="chart-days"
                />
                <BarChart
                  title={t('perType')}
                  labels={charts.types.labels}
                  series={charts.types.series}
                  horizontal
                  testId="chart-types"
                />
              </div>
            </>
          )}
        </section>
        <section className="stats-map" aria-label={t('heatMap')}>
          <h2 className="map-title">
            {t('heatMap')} {heat ? `(${heat.total})` : ''}
          </h2>
          <LiveMap
            tileUrl={map.tileUrl}
            attribution={map.attribution}
            markers={[]}
            heat={heat}
            testId="heat-map"
          />
        </section>
      </main>
    </div>
  );
}

const pct = (v: number | null) => (v === null ? '–' : `${Math.round(v * 1000) / 10} %`);

/** The 112 calls of the period: time to answer, answered within 10 s, abandoned, by position. */
function CallFigures({ calls: c }: { calls: StatsData['calls'] }) {
  const { t } = useUi();
  if (c.total === 0)
    return (
      <p className="muted" data-testid="stats-calls">
        {t('statsNoCalls')}
      </p>
    );
  const busiest = Math.max(...c.perHour.map((h) => h.count));
  return (
    <section data-testid="stats-calls" aria-label={t('statsCalls')}>
      <table className="table">
        <caption className="muted">{t('statsCalls')}</caption>
        <thead>
          <tr>
            <th>{t('statsCallsTotal')}</th>
            <th>{t('statsAnswerP50')}</th>
            <th>{t('statsAnswerP90')}</th>
            <th>{t('statsAnsweredIn10')}</th>
            <th>{t('statsAbandonedShare')}</th>
            <th>{t('statsCallsPerHour')}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td data-testid="stats-calls-total">{c.total}</td>
            <td data-testid="stats-calls-p50">{formatDuration(c.answerMedianS)}</td>
            <td>{formatDuration(c.answerP90S)}</td>
            <td data-testid="stats-calls-within10">{pct(c.answeredWithin10sShare)}</td>
            <td data-testid="stats-calls-abandoned">{pct(c.abandonedShare)}</td>
            <td>
              {c.perHour
                .filter((h) => h.count === busiest && busiest > 0)
                .map((h) => `${String(h.hour).padStart(2, '0')}:00 (${h.count})`)
                .join(', ')}
            </td>
          </tr>
        </tbody>
      </table>
      {c.perPosition.length > 0 && (
        <table className="table" data-testid="stats-positions">
          <caption className="muted">{t('statsPerPosition')}</caption>
          <thead>
            <tr>
              <th>{t('statsPosition')}</th>
              <th>{t('count')}</th>
              <th>{t('statsAnswerP50')}</th>
              <th>{t('statsAnswerP90')}</th>
              <th>{t('statsAnsweredIn10')}</th>
            </tr>
          </thead>
          <tbody>
            {c.perPosition.map((p) => (
              <tr key={p.position}>
                <td>{p.position}</td>
                <td>{p.answered}</td>
                <td>{formatDuration(p.medianS)}</td>
                <td>{formatDuration(p.p90S)}</td>
                <td>{pct(p.within10sShare)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
