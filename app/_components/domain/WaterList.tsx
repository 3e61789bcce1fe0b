'use client';

import type { WaterSourceDto } from '@/lib/geodata/nearest';
import { formatDistance } from '@/lib/i18n/format';
import { useUi } from '../i18n';

// Hydrants and water sources near the incident, nearest first; one out of service is struck through.
export function WaterList({ sources }: { sources: WaterSourceDto[] }) {
  const { t } = useUi();
  return (
    <section className="water" aria-label={t('waterTitle')} data-testid="water-sources">
      <h3>{t('waterTitle')}</h3>
      {sources.length === 0 && <p className="muted">{t('waterNone')}</p>}
      <ul>
        {sources.map((w) => (
          <li
            key={w.id}
            className={w.state === 'out_of_service' ? 'out' : ''}
            data-testid={`water-${w.ref || w.id}`}
          >
            <strong>{formatDistance(w.distanceM)}</strong> · {t(`wk_${w.kind}`)} {w.ref}
            {w.diameterMm ? ` · DN${w.diameterMm}` : ''}
            {w.pressureBar !== null ? ` · ${w.pressureBar} bar` : ''}
            {w.flowLpm ? ` · ${w.flowLpm} l/min` : ''}
            {w.state !== 'in_service' ? ` · ${t(`ws_${w.state}`)}` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}
