'use client';

import type { AedDto } from '@/lib/geodata/nearest';
import { formatDistance } from '@/lib/i18n/format';
import { useUi } from '../i18n';
import { doubtWords } from './words';

// The nearest defibrillators available now (straight-line distance, how to get to it), and the
// nearer ones that are closed or of unknown hours, apart and muted.
export function AedList({ available, unavailable }: { available: AedDto[]; unavailable: AedDto[] }) {
  const { t } = useUi();
  return (
    <section className="aeds" aria-label={t('aedTitle')} data-testid="aeds">
      <h3>{t('aedTitle')}</h3>
      {available.length === 0 && <p className="warn-text">{t('aedNoneOpen')}</p>}
      <ol>
        {available.map((a) => (
          <li key={a.id} data-testid={`aed-${a.id}`}>
            <strong>{formatDistance(a.distanceM)}</strong> · {a.name}
            {a.indoor !== null ? ` · ${t(a.indoor ? 'aedIndoor' : 'aedOutdoor')}` : ''}
            {a.access && <div>{a.access}</div>}
            <div className="muted">
              {a.openingHours}
              {a.owner ? ` · ${a.owner}` : ''}
              {a.phone ? ` · ${a.phone}` : ''}
              {a.lastCheck ? ` · ${t('aedChecked')} ${a.lastCheck.split('-').reverse().join('. ')}` : ''}
            </div>
          </li>
        ))}
      </ol>
      {unavailable.length > 0 && (
        <div className="muted" data-testid="aeds-unavailable">
          {t('aedUnavailable')}:{' '}
          {unavailable
            .map(
              (a) =>
                `${a.name} ${formatDistance(a.distanceM)} (${t(`av_${a.availability}`)}${a.doubts.length ? `; ${doubtWords(a.doubts, t)}` : ''})`,
            )
            .join(' · ')}
        </div>
      )}
    </section>
  );
}
