'use client';

import { useCallback, useEffect, useState } from 'react';
import { formatTime } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';
import { CAP_CATEGORIES } from '@/lib/interop/cap-codes';
import { apiGet, apiSend, newKey } from '../_components/api';
import { errorText } from '../_components/error-text';
import { useUi } from '../_components/i18n';
import { LiveMap } from '../_components/Map';
import { TopBar } from '../_components/TopBar';
import { useRealtime } from '../_components/use-realtime';
import type { MapConfig, PageUser } from '../_lib/page-props';

interface Published {
  id: number;
  identifier: string;
  msgType: 'Alert' | 'Cancel';
  cancels: number | null;
  status: string;
  headline: { sl: string; en: string };
  areaDesc: string;
  polygon: [number, number][];
  sent: string;
  expires: string;
  by: string;
}

// A supervisor draws an area, writes the warning in both languages and publishes it as CAP 1.2; the
// Atom feed carries it to public-warning systems. Cancelling sends a CAP Cancel.
export function Warnings({ user, map }: { user: PageUser; map: MapConfig }) {
  const { t, lang } = useUi();
  const [ring, setRing] = useState<[number, number][]>([]);
  const [list, setList] = useState<Published[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [f, setF] = useState({
    category: 'Met',
    severity: 'Severe',
    urgency: 'Immediate',
    certainty: 'Likely',
    eventSl: '',
    eventEn: '',
    headlineSl: '',
    headlineEn: '',
    descriptionSl: '',
    descriptionEn: '',
    instructionSl: '',
    instructionEn: '',
    areaDesc: '',
    hours: 6,
    exercise: false,
  });
  const load = useCallback(async () => setList(await apiGet<Published[]>('/api/cap/alerts')), []);
  const { state } = useRealtime((fr) => fr.type === 'public_alert.published' && void load(), load);
  useEffect(() => {
    void load();
  }, [load]);

  const set = (k: keyof typeof f) => (e: { target: { value: string } }) =>
    setF((x) => ({ ...x, [k]: e.target.value }));
  const publish = async () => {
    setBusy(true);
    setError(null);
    try {
      await apiSend(
        'POST',
        '/api/cap/alerts',
        {
          status: f.exercise ? 'Exercise' : 'Actual',
          category: f.category,
          urgency: f.urgency,
          severity: f.severity,
          certainty: f.certainty,
          event: { sl: f.eventSl, en: f.eventEn },
          headline: { sl: f.headlineSl, en: f.headlineEn },
          description: { sl: f.descriptionSl, en: f.descriptionEn },
          instruction: { sl: f.instructionSl, en: f.instructionEn },
          areaDesc: f.areaDesc,
          polygon: ring,
          expiresInHours: Number(f.hours),
        },
        { idempotencyKey: newKey() },
      );
      setRing([]);
      await load();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };
  const cancel = async (id: number) => {
    setError(null);
    try {
      await apiSend('POST', `/api/cap/alerts/${id}/cancel`, undefined, { idempotencyKey: `cancel-${id}` });
      await load();
    } catch (err) {
      setError(errorText(err, t));
    }
  };
  const cancelled = new Set(list.filter((a) => a.cancels).map((a) => a.cancels));
  const field = (k: keyof typeof f, label: MessageKey, area = false) => (
    <div>
      <label htmlFor={`w-${k}`}>
        {t(label)}
        {k.endsWith('Sl') ? ' (SL)' : k.endsWith('En') ? ' (EN)' : ''}
      </label>
      {area ? (
        <textarea id={`w-${k}`} rows={2} value={String(f[k])} onChange={set(k)} />
      ) : (
        <input id={`w-${k}`} value={String(f[k])} onChange={set(k)} />
      )}
    </div>
  );
  const select = (k: keyof typeof f, label: MessageKey, options: string[]) => (
    <div>
      <label htmlFor={`w-${k}`}>{t(label)}</label>
      <select id={`w-${k}`} value={String(f[k])} onChange={set(k)}>
        {options.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
    </div>
  );

  return (
    <div className="shell">
      <TopBar user={user} conn={state} current="/warnings" />
      <main className="main warnings-main">
        <section className="panel" aria-labelledby="warn-title">
          <h2 id="warn-title">{t('warnings')}</h2>
          {error && (
            <div className="toast err" role="alert">
              {error}
            </div>
          )}
          <p className="muted" data-testid="warn-vertices">
            {t('warnArea')} ({ring.length}){' '}
            <button type="button" onClick={() => setRing([])}>
              {t('warnClear')}
            </button>
          </p>
          <div className="warn-grid">
            {select('category', 'warnCategory', [...CAP_CATEGORIES])}
            {select('severity', 'warnSeverity', ['Extreme', 'Severe', 'Moderate', 'Minor'])}
            {select('urgency', 'warnUrgency', ['Immediate', 'Expected', 'Future'])}
            {select('certainty', 'warnCertainty', ['Observed', 'Likely', 'Possible'])}
            {field('eventSl', 'warnEvent')}
            {field('eventEn', 'warnEvent')}
            {field('headlineSl', 'warnHeadline')}
            {field('headlineEn', 'warnHeadline')}
            {field('descriptionSl', 'warnDescription', true)}
            {field('descriptionEn', 'warnDescription', true)}
            {field('instructionSl', 'warnInstruction', true)}
            {field('instructionEn', 'warnInstruction', true)}
            {field('areaDesc', 'warnAreaDesc')}
            {field('hours', 'warnExpires')}
          </div>
          <label className="inline">
            <input
              type="checkbox"
              checked={f.exercise}
              onChange={(e) => setF((x) => ({ ...x, exercise: e.target.checked }))}
            />{' '}
            {t('warnExercise')}
          </label>
          <button
            type="button"
            className="primary"
            disabled={busy || ring.length < 3}
            onClick={publish}
            data-testid="publish"
          >
            {t('warnPublish')}
          </button>
          <h2>
            {t('warnPublished')}{' '}
            <a href="/api/cap/feed" target="_blank" rel="noreferrer">
              {t('warnFeed')}
            </a>
          </h2>
          <ul className="list" data-testid="published">
            {list.map((a) => (
              <li key={a.id} className="board-item" data-type={a.msgType}>
                <div className="title">
                  <span>
                    {a.headline[lang]} {a.status === 'Exercise' ? `(${t('warnExercise')})` : ''}
                  </span>
                  <span className="timer">{formatTime(a.sent)}</span>
                </div>
                <div className="muted">
                  {a.areaDesc} · {a.by} · <a href={`/api/cap/alerts/${a.id}`}>CAP</a>
                  {a.msgType === 'Alert' && !cancelled.has(a.id) && (
                    <>
                      {' '}
                      <button type="button" onClick={() => cancel(a.id)} data-testid={`cancel-${a.id}`}>
                        {t('warnCancel')}
                      </button>
                    </>
                  )}
                  {a.msgType === 'Alert' && cancelled.has(a.id) ? ` · ${t('warnCancelled')}` : ''}
                </div>
              </li>
            ))}
          </ul>
        </section>
        <LiveMap
          tileUrl={map.tileUrl}
          attribution={map.attribution}
          markers={ring.map(([lat, lon], i) => ({
            id: `v${i}`,
            kind: 'pick',
            lat,
            lon,
            color: '#c4161c',
            title: `${i + 1}`,
          }))}
          polygons={[
            ...list
              .filter((a) => a.msgType === 'Alert' && !cancelled.has(a.id))
              .map((a) => ({ id: `a${a.id}`, ring: a.polygon, color: '#e36209' })),
            ...(ring.length >= 3 ? [{ id: 'draft', ring, color: '#c4161c' }] : []),
          ]}
          onMapClick={(lat, lon) => setRing((r) => [...r, [lat, lon]])}
          testId="warn-map"
        />
      </main>
    </div>
  );
}
