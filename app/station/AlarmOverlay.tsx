'use client';

import { useEffect, useRef, useState } from 'react';
import { formatCoord, formatD96, formatElapsed, formatTime } from '@/lib/i18n/format';
import type { StationAlert } from '@/lib/live/station-alerts';
import { AlarmSound } from '../_components/alarm-sound';
import { PRIORITY_COLOR } from '../_components/colors';
import { Surroundings } from '../_components/domain/Surroundings';
import { useUi } from '../_components/i18n';
import type { IncidentType } from '../_components/live-state';
import { LiveMap } from '../_components/Map';
import { TriageAnswers } from '../_components/TriageAnswers';
import { useNow } from '../_components/use-now';
import type { MapConfig } from '../_lib/page-props';

// The full-screen alarm: the oldest unacknowledged alert, big and clear, with the place on a map and
// the Acknowledge button focused. It sounds while anything is unacknowledged, after a reload and after
// a reconnect too; if the browser blocks the sound, it asks for a click to allow it.
export function AlarmOverlay({
  top,
  more,
  map,
  typeName,
  types,
  onAcknowledge,
  domainTick,
}: {
  top: StationAlert | undefined;
  more: number;
  map: MapConfig;
  typeName: (code: string) => string;
  types: IncidentType[];
  onAcknowledge: (alertId: number) => void;
  domainTick: number;
}) {
  const { t } = useUi();
  const now = useNow();
  const sound = useRef<AlarmSound | null>(null);
  // What the sound is doing, shown on the overlay (data-sound) and asked for when blocked.
  const [soundState, setSoundState] = useState<'off' | 'playing' | 'blocked'>('off');
  useEffect(() => {
    sound.current ??= new AlarmSound();
    const s = sound.current;
    if (top) {
      s.start();
      const check = () => setSoundState(s.playing ? 'playing' : s.blocked ? 'blocked' : 'off');
      const first = setTimeout(check, 300);
      const id = setInterval(check, 1000);
      return () => {
        clearTimeout(first);
        clearInterval(id);
      };
    }
    s.stop();
    setSoundState('off');
  }, [top]);
  useEffect(() => () => sound.current?.stop(), []);

  if (!top) return null;
  const inc = top.incident;
  return (
    <div
      className="alarm"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="alarm-title"
      data-testid="alarm"
      data-sound={soundState}
    >
      <div>
        {soundState === 'blocked' && (
          <button
            type="button"
            className="sound-banner"
            onClick={() => void sound.current?.unlock().then(() => setSoundState('playing'))}
          >
            {t('enableSound')}
          </button>
        )}
        <h1 id="alarm-title">
          {t('alarm')} · {top.callsign}
          {more > 0 ? ` (+${more})` : ''}
        </h1>
        <div className="big" data-testid="alarm-type">
          {inc ? `${typeName(inc.type)} · ${inc.number}` : `#${top.incidentId}`}
        </div>
      </div>
      <div className="body">
        {/* The facts and what the databases say about the place, scrolled together beside the map. */}
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable from the keyboard */}
        <section className="alarm-info" tabIndex={0} aria-label={t('description')}>
          <dl className="facts">
            <dt>{t('address')}</dt>
            <dd data-testid="alarm-address">{inc?.location.address || '–'}</dd>
            <dt>WGS84</dt>
            <dd>{inc ? formatCoord(inc.location.lat, inc.location.lon) : '–'}</dd>
            <dt>D96/TM</dt>
            <dd data-testid="alarm-d96">{formatD96(inc?.location.d96)}</dd>
            <dt>{t('description')}</dt>
            <dd>
              {inc?.description || '–'}
              {inc && <TriageAnswers incident={inc} types={types} large />}
            </dd>
            <dt>{t('caller')}</dt>
            <dd>
              {inc?.caller.name} {inc?.caller.phone}
            </dd>
            <dt>{t('alertSent')}</dt>
            <dd suppressHydrationWarning>
              {formatTime(top.sentAt)} ({now ? formatElapsed(top.sentAt, now) : ''})
            </dd>
          </dl>
          <Surroundings incidentId={top.incidentId} refresh={`${top.id}:${domainTick}`} editable={false} />
        </section>
        {inc && (
          <LiveMap
            tileUrl={map.tileUrl}
            attribution={map.attribution}
            center={[inc.location.lat, inc.location.lon]}
            zoom={13}
            testId="alarm-map"
            markers={[
              {
                id: 'incident',
                kind: 'incident',
                lat: inc.location.lat,
                lon: inc.location.lon,
                color: PRIORITY_COLOR[inc.priority] ?? '#888',
                title: inc.number,
              },
            ]}
          />
        )}
      </div>
      <button type="button" className="ack" autoFocus onClick={() => onAcknowledge(top.id)} data-testid="ack">
        {t('acknowledge')}
      </button>
    </div>
  );
}
