'use client';

import { useState } from 'react';
import type { LocationNoteDto } from '@/lib/geodata/nearest';
import type { LookupResult } from '@/lib/hazmat/dangerous-goods';
import { formatDateTime } from '@/lib/i18n/format';
import type { MunicipalityAt, ServiceOnDuty } from '@/lib/oncall/resolve-on-duty';
import { NotesList } from '../_components/domain/NotesList';
import { SubstanceCard } from '../_components/domain/SubstanceCard';
import { useUi } from '../_components/i18n';
import { useDebouncedGet } from '../_components/use-debounced-get';

// Beside the form, for the place being typed: the warnings tied to it, the on-call services that answer
// for it (suggested first for the chosen type, with the number to connect the caller to), and a
// dangerous-goods lookup by UN number, orange plate or name.
export function PlacePanel({ type, place }: { type: string; place: { lat: number; lon: number } | null }) {
  const { t, lang } = useUi();
  const at = place ? `lat=${place.lat.toFixed(6)}&lon=${place.lon.toFixed(6)}` : null;
  const notes = useDebouncedGet<LocationNoteDto[]>(at ? `/api/location-notes?${at}` : null, 300);
  const duty = useDebouncedGet<{ municipality: MunicipalityAt | null; services: ServiceOnDuty[] }>(
    at ? `/api/oncall/on-duty?${at}${type ? `&type=${encodeURIComponent(type)}` : ''}` : null,
    300,
  );
  const [q, setQ] = useState('');
  const goods = useDebouncedGet<LookupResult>(
    q.trim() ? `/api/dangerous-goods?q=${encodeURIComponent(q.trim())}` : null,
    250,
  );
  const [allServices, setAllServices] = useState(false);
  const services = duty.data?.services ?? [];
  const shown = allServices ? services : services.filter((s) => s.suggested);

  return (
    <section className="panel place-panel" aria-label={t('oncallTitle')} data-testid="place-panel">
      <NotesList notes={notes.data ?? []} testId="form-place-notes" />
      {place && (
        <div data-testid="form-oncall">
          <h3>
            {t('oncallTitle')}
            {duty.data?.municipality ? ` · ${duty.data.municipality.name}` : ''}
          </h3>
          <ul className="oncall-list">
            {shown.map((s) => (
              <li key={s.serviceId} data-testid={`form-oncall-${s.code}`}>
                <strong>{s.name}</strong> <span className="muted">{t(`sk_${s.kind}`)}</span>
                <div>
                  {s.onDuty
                    ? `${s.onDuty.officer} ${s.onDuty.phone ?? ''} · ${t('oncallUntil')} ${formatDateTime(s.onDuty.until)}`
                    : `${t('oncallNobody')}: ${s.contacts.map((c) => c.address).join(', ')}`}
                </div>
              </li>
            ))}
          </ul>
          {services.length > shown.length && (
            <button type="button" className="link-button" onClick={() => setAllServices(true)}>
              {t('showAll')} ({services.length})
            </button>
          )}
        </div>
      )}
      <div className="field">
        <label htmlFor="hazmat-lookup">{t('hazmatLookup')}</label>
        <input
          id="hazmat-lookup"
          type="search"
          value={q}
          autoComplete="off"
          onChange={(e) => setQ(e.target.value)}
        />
      </div>
      {q.trim() && goods.data && (
        <div data-testid="hazmat-results">
          {goods.data.substances.length === 0 && goods.data.hazard?.valid && (
            <p>
              <strong>{goods.data.hazard.code}</strong>: {goods.data.hazard.meaning[lang]}
            </p>
          )}
          {goods.data.substances.length === 0 && !goods.data.hazard?.valid && (
            <p className="muted">{t('hazmatNotFound')}</p>
          )}
          {goods.data.substances.map((s) => (
            <SubstanceCard
              key={s.id}
              unNumber={s.unNumber}
              hazard={goods.data?.hazard ?? null}
              substances={[s]}
            />
          ))}
        </div>
      )}
    </section>
  );
}
