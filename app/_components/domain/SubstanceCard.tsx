'use client';

import type { DangerousGoodDto } from '@/lib/hazmat/dangerous-goods';
import type { HazardId } from '@/lib/hazmat/hazard-id';
import { useUi } from '../i18n';
import { fill, km } from './words';

// A substance as the crew needs it at a glance: plate, name, class, what it does, how far to keep
// people away, and what to do first. Large type for the isolation distance.
export function SubstanceCard({
  unNumber,
  hazard,
  substances,
  note,
  children,
}: {
  unNumber: string;
  hazard: HazardId | null;
  substances: DangerousGoodDto[];
  note?: string;
  children?: React.ReactNode;
}) {
  const { t, lang } = useUi();
  const s = substances[0];
  return (
    <article className="substance" data-testid={`substance-${unNumber}`}>
      <div className="substance-head">
        <span
          className="orange-plate"
          role="img"
          aria-label={`${t('hazmatPlate')} ${hazard?.code ?? ''} ${unNumber}`}
        >
          <span>{hazard?.code ?? '\u00a0'}</span>
          <span>{unNumber}</span>
        </span>
        <div>
          <strong>{s ? s.name[lang] : t('hazmatNotFound')}</strong>
          {s && (
            <div className="muted">
              {t('hazmatClass')} {s.adrClass}
              {s.guide ? ` · ${t('hazmatGuide')} ${s.guide.guide}: ${s.guide.title[lang]}` : ''}
              {s.tih ? ` · ${t('hazmatTih')}` : ''}
            </div>
          )}
          {hazard?.valid && <div>{hazard.meaning[lang]}</div>}
          {note && <div className="muted">{note}</div>}
        </div>
        {children}
      </div>
      {s?.guide && (
        <p className="isolation" data-testid="isolation">
          {t('hazmatIsolate')}:{' '}
          <strong>{s.tih && s.small?.isolateM ? s.small.isolateM : s.guide.isolateM} m</strong>
          {s.guide.largeSpillM ? ` · ${t('hazmatLargeSpill')} ${s.guide.largeSpillM} m` : ''}
          {s.guide.fireM ? ` · ${t('hazmatFire')} ${s.guide.fireM} m` : ''}
        </p>
      )}
      {s?.tih && s.small && (
        <p>
          {t('hazmatSmall')}:{' '}
          {fill(t('hazmatProtect'), { day: km(s.small.dayKm, lang), night: km(s.small.nightKm, lang) })}
          {s.large?.isolateM
            ? ` · ${t('hazmatLarge')}: ${s.large.isolateM} m, ${fill(t('hazmatProtect'), { day: km(s.large.dayKm, lang), night: km(s.large.nightKm, lang) })}`
            : ''}
        </p>
      )}
      {s?.guide && (
        <dl className="substance-guide">
          <dt>{t('hazmatHazards')}</dt>
          <dd>{s.guide.hazards[lang]}</dd>
          <dt>{t('hazmatAction')}</dt>
          <dd>{s.guide.action[lang]}</dd>
        </dl>
      )}
    </article>
  );
}
