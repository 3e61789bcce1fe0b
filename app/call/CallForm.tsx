'use client';

import { useState } from 'react';
import { formatCoord, formatD96 } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';
import { PRIORITIES, type Priority } from '@/lib/incidents/incident-status';
import { useUi } from '../_components/i18n';
import type { IncidentType } from '../_components/live-state';
import { DeviceFixPanel } from './DeviceFixPanel';
import { Duplicates } from './IncidentLists';
import { PlaceSearch } from './PlaceSearch';
import { ProtocolQuestions } from './ProtocolQuestions';
import type { CallIntake } from './use-call-intake';

const PRIORITY_KEY: Record<Priority, MessageKey> = {
  red: 'priorityRed',
  yellow: 'priorityYellow',
  green: 'priorityGreen',
};

// The call form, laid out for the keyboard: the cursor starts in the phone field, Alt+letter jumps
// (shown beside each label), Enter saves.
export function CallForm({
  intake,
  types,
  typeName,
}: {
  intake: CallIntake;
  types: IncidentType[];
  typeName: (code: string) => string;
}) {
  const { t, lang } = useUi();
  const { call, errors, picked } = intake;
  const { form, set, setForm } = call;
  /** The address chosen from a search whose house number it did not match (until it is edited). */
  const [placeDoubt, setPlaceDoubt] = useState<string | null>(null);
  return (
    <form onSubmit={intake.submit} onKeyDown={intake.onKeyDown} aria-label={t('newIncident')} noValidate>
      <div className="row">
        <div className="field">
          <label htmlFor="phone">
            {t('callerPhone')} <kbd>Alt+T</kbd>
          </label>
          <input
            id="phone"
            ref={intake.phoneRef}
            autoFocus
            inputMode="tel"
            value={form.phone}
            onChange={(e) => set('phone', e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="name">{t('callerName')}</label>
          <input id="name" value={form.name} onChange={(e) => set('name', e.target.value)} />
        </div>
      </div>
      <DeviceFixPanel fix={intake.deviceFix} onUse={intake.applyDeviceLocation} />
      <PlaceSearch
        onChoose={(p, doubt) => {
          setForm((f) => ({ ...f, coords: formatCoord(p.position.lat, p.position.lon), address: p.label }));
          setPlaceDoubt(doubt.houseNumberMissing ? p.label : null);
        }}
      />
      <div className="field">
        <label htmlFor="coords">
          {t('coordinates')} <kbd>Alt+K</kbd>
        </label>
        <input
          id="coords"
          placeholder={`46.05140, 14.50600 · 46°03'05"N 14°30'22"E · E 462135 N 101271`}
          value={form.coords}
          aria-invalid={Boolean(errors.coords)}
          aria-describedby="coords-hint"
          onChange={(e) => set('coords', e.target.value)}
        />
        <div id="coords-hint" className="muted" style={{ fontSize: 12, marginTop: 4 }}>
          {t('pickOnMap')}
        </div>
        {picked && (
          <div data-testid="resolved-position" style={{ fontSize: 13, marginTop: 2 }}>
            WGS84 {formatCoord(picked.lat, picked.lon)} · D96/TM {formatD96(picked.d96)}
          </div>
        )}
        {intake.doubt?.kind === 'outside' && (
          <div className="location-doubt" role="alert" data-testid="location-doubt">
            {t('outsideCountry')}
            {intake.doubt.swapped && (
              <>
                {' '}
                {t('swappedCoords')}:{' '}
                <button
                  type="button"
                  data-testid="use-swapped"
                  onClick={() => {
                    const s = intake.doubt?.kind === 'outside' ? intake.doubt.swapped : null;
                    if (s) set('coords', formatCoord(s.lat, s.lon));
                  }}
                >
                  {t('useSwapped')} ({intake.doubt.swapped.lat.toFixed(5)},{' '}
                  {intake.doubt.swapped.lon.toFixed(5)})
                </button>
              </>
            )}
          </div>
        )}
        {errors.coords && <div className="error">{errors.coords}</div>}
      </div>
      <Duplicates nearby={intake.nearby} typeName={typeName} onAttach={intake.attachCall} />
      <div className="row">
        <div className="field" style={{ flex: 3 }}>
          <label htmlFor="address">{t('address')}</label>
          <input id="address" value={form.address} onChange={(e) => set('address', e.target.value)} />
          {placeDoubt !== null && placeDoubt === form.address && (
            <div className="location-doubt" role="alert" data-testid="house-number-doubt">
              {t('houseNumberMismatch')}
            </div>
          )}
        </div>
        <div className="field" style={{ flex: 1 }}>
          <label htmlFor="accuracy">{t('accuracy')}</label>
          <input
            id="accuracy"
            inputMode="numeric"
            value={form.accuracy}
            onChange={(e) => set('accuracy', e.target.value.replace(/\D/g, ''))}
          />
        </div>
      </div>
      <div className="field">
        <label htmlFor="type">
          {t('incidentType')} <kbd>Alt+V</kbd>
        </label>
        <select
          id="type"
          value={form.type}
          aria-invalid={Boolean(errors.type)}
          onChange={(e) => call.chooseType(e.target.value)}
        >
          <option value="">{t('chooseType')}</option>
          {types.map((ty) => (
            <option key={ty.code} value={ty.code}>
              {ty.name[lang]}
            </option>
          ))}
        </select>
        {errors.type && <div className="error">{errors.type}</div>}
      </div>
      <ProtocolQuestions
        questions={call.currentType?.questions ?? []}
        answers={call.answers}
        onAnswer={call.answer}
      />
      <fieldset className="field" style={{ border: 'none', padding: 0, margin: '0 0 10px' }}>
        <legend style={{ fontSize: 13, color: 'var(--muted)', marginBottom: 3 }}>{t('priority')}</legend>
        <div className="row" role="radiogroup">
          {PRIORITIES.map((p) => (
            <label
              key={p}
              style={{ display: 'flex', alignItems: 'center', gap: 6, color: 'var(--text)', fontSize: 15 }}
            >
              <input
                type="radio"
                name="priority"
                value={p}
                style={{ width: 'auto' }}
                checked={form.priority === p}
                onChange={() => call.choosePriority(p)}
              />
              <span className={`prio prio-${p}`} /> {t(PRIORITY_KEY[p])}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor="description">
          {t('description')} <kbd>Alt+O</kbd>
        </label>
        <textarea
          id="description"
          rows={4}
          value={form.description}
          onChange={(e) => set('description', e.target.value)}
        />
      </div>
      <div className="row" style={{ alignItems: 'center' }}>
        <button
          className="primary"
          type="submit"
          disabled={intake.busy}
          style={{ flex: 'none', padding: '10px 18px' }}
        >
          {intake.busy ? t('saving') : t('submitIncident')}
        </button>
        <span className="muted" style={{ fontSize: 12 }}>
          {t('submitHint')}
        </span>
        <button type="button" style={{ flex: 'none' }} onClick={intake.resetForm}>
          {t('clearForm')}
        </button>
      </div>
    </form>
  );
}
