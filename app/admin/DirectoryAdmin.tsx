'use client';

import { useCallback, useEffect, useState } from 'react';
import { CONTACT_CHANNELS, type ContactChannel, SERVICE_KINDS } from '@/db/schema/enums';
import { normaliseSearch } from '@/lib/geo/normalise';
import { formatDateTime, ljubljanaInstant } from '@/lib/i18n/format';
import type { ServiceDto, ShiftDto } from '@/lib/oncall/service-dto';
import { apiGet, apiSend, newKey } from '../_components/api';
import { useIncidentTypes } from '../_components/use-incident-types';
import { AdminForm, Feedback, Field, SaveButtons, useSave, useT } from './admin-ui';
import { CsvImport } from './CsvImport';

interface Municipality {
  id: number;
  name: string;
}

type Form = {
  id?: number;
  code: string;
  name: string;
  kind: string;
  national: boolean;
  towns: string;
  incidentTypes: string[];
  contacts: Record<ContactChannel, string>;
  handoverStation: string;
  note: string;
  active: boolean;
  shifts: ShiftDto[];
};

const EMPTY: Form = {
  code: '',
  name: '',
  kind: 'electricity',
  national: false,
  towns: '',
  incidentTypes: [],
  contacts: { phone: '', sms: '', email: '', webhook: '' },
  handoverStation: '',
  note: '',
  active: true,
  shifts: [],
};

function toForm(s: ServiceDto): Form {
  const contacts = { phone: '', sms: '', email: '', webhook: '' };
  for (const c of s.contacts)
    contacts[c.channel] = contacts[c.channel] ? `${contacts[c.channel]}; ${c.address}` : c.address;
  return {
    id: s.id,
    code: s.code,
    name: s.name,
    kind: s.kind,
    national: s.national,
    towns: s.municipalities.map((m) => m.name).join('; '),
    incidentTypes: s.incidentTypes,
    contacts,
    handoverStation: s.handoverStation ?? '',
    note: s.note,
    active: s.active,
    shifts: s.shifts,
  };
}

// The on-call directory for supervisors: services, where they answer, how to reach them, their weekly
// roster and exceptions (holidays, swaps), and a CSV import of the whole directory.
export function DirectoryAdmin() {
  const t = useT();
  const { types, typeName } = useIncidentTypes();
  const [services, setServices] = useState<ServiceDto[]>([]);
  const [towns, setTowns] = useState<Municipality[]>([]);
  const [form, setForm] = useState<Form>(EMPTY);
  const NO_EXCEPTION = {
    fromDate: '',
    fromTime: '00:00',
    toDate: '',
    toTime: '00:00',
    officer: '',
    phone: '',
    reason: '',
  };
  const [ex, setEx] = useState(NO_EXCEPTION);
  const save = useSave();
  const load = useCallback(async () => setServices(await apiGet<ServiceDto[]>('/api/oncall/services')), []);
  useEffect(() => {
    void load();
    void apiGet<Municipality[]>('/api/municipalities').then(setTowns);
  }, [load]);

  const townNames = form.towns
    .split(/[;\n]/)
    .map((x) => x.trim())
    .filter(Boolean);
  const townIds = townNames.map((n) => towns.find((m) => normaliseSearch(m.name) === normaliseSearch(n))?.id);
  const unknownTowns = townNames.filter((_, i) => townIds[i] === undefined);
  const current = services.find((s) => s.id === form.id);

  const submit = () =>
    save.run(async () => {
      const saved = await apiSend<ServiceDto>(
        'POST',
        '/api/oncall/services',
        {
          ...(form.id ? { id: form.id } : {}),
          code: form.code,
          name: form.name,
          kind: form.kind,
          national: form.national,
          municipalityIds: townIds.filter((x): x is number => x !== undefined),
          incidentTypes: form.incidentTypes,
          contacts: CONTACT_CHANNELS.flatMap((channel) =>
            form.contacts[channel]
              .split(';')
              .map((a) => a.trim())
              .filter(Boolean)
              .map((address) => ({ channel, address })),
          ),
          handoverStation: form.handoverStation || null,
          note: form.note,
          active: form.active,
          shifts: form.shifts.map((s) => ({ ...s, phone: s.phone || null, email: s.email || null })),
        },
        { idempotencyKey: newKey() },
      );
      setForm(toForm(saved));
      await load();
      return t('adminSaved');
    });
  const setShift = (i: number, patch: Partial<ShiftDto>) =>
    setForm((f) => ({ ...f, shifts: f.shifts.map((s, j) => (j === i ? { ...s, ...patch } : s)) }));

  return (
    <div className="admin-grid admin-grid-wide">
      <section className="panel">
        <h2>{t('dirAdmin')}</h2>
        <ul className="list" data-testid="dir-list">
          {services.map((s) => (
            <li key={s.id}>
              <button type="button" className="link-button" onClick={() => setForm(toForm(s))}>
                {s.name}
              </button>{' '}
              <span className="muted">
                {t(`sk_${s.kind}`)} ·{' '}
                {s.national ? t('dirNational') : s.municipalities.map((m) => m.name).join(', ') || '–'}
                {s.active ? '' : ` · ${t('adminDisabled')}`}
              </span>
            </li>
          ))}
        </ul>
        <button type="button" onClick={() => setForm(EMPTY)}>
          {t('dirNew')}
        </button>
        <CsvImport title={t('dirImport')} url="/api/oncall/import" onDone={load} testId="dir-import" />
      </section>
      <section className="panel">
        <h2>{form.id ? `${t('adminEdit')}: ${form.name}` : t('dirNew')}</h2>
        <Feedback save={save} />
        <AdminForm onSubmit={submit} testId="dir-form">
          <div className="row">
            <Field label={t('dirCode')} name="code" save={save}>
              <input value={form.code} onChange={(e) => setForm({ ...form, code: e.target.value })} />
            </Field>
            <Field label={t('dirKind')} name="kind" save={save}>
              <select value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
                {SERVICE_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`sk_${k}`)}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <Field label={t('dirService')} name="name" save={save}>
            <input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          </Field>
          <label className="check">
            <input
              type="checkbox"
              checked={form.national}
              onChange={(e) => setForm({ ...form, national: e.target.checked })}
            />{' '}
            {t('dirNational')}
          </label>
          <Field label={t('dirMunicipalities')} name="municipalityIds" save={save}>
            <textarea
              rows={2}
              value={form.towns}
              onChange={(e) => setForm({ ...form, towns: e.target.value })}
              aria-invalid={unknownTowns.length > 0}
            />
          </Field>
          <input
            list="municipality-names"
            aria-label={`${t('oncallMunicipality')} +`}
            placeholder={`${t('oncallMunicipality')} +`}
            onKeyDown={(e) => {
              if (e.key !== 'Enter') return;
              e.preventDefault();
              const v = e.currentTarget.value.trim();
              if (!v) return;
              setForm((f) => ({ ...f, towns: f.towns.trim() ? `${f.towns.trim()}; ${v}` : v }));
              e.currentTarget.value = '';
            }}
          />
          {unknownTowns.length > 0 && (
            <p className="error" role="alert">
              {t('dirUnknownMunicipality')}: {unknownTowns.join(', ')}
            </p>
          )}
          <fieldset>
            <legend>{t('dirIncidentTypes')}</legend>
            <div className="check-grid">
              {types.map((ty) => (
                <label key={ty.code} className="check">
                  <input
                    type="checkbox"
                    checked={form.incidentTypes.includes(ty.code)}
                    onChange={(e) =>
                      setForm({
                        ...form,
                        incidentTypes: e.target.checked
                          ? [...form.incidentTypes, ty.code]
                          : form.incidentTypes.filter((x) => x !== ty.code),
                      })
                    }
                  />{' '}
                  {typeName(ty.code)}
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset>
            <legend>{t('dirContacts')}</legend>
            <div className="row">
              {CONTACT_CHANNELS.map((c) => (
                <Field key={c} label={t(`ch_${c}`)} name="contacts" save={save}>
                  <input
                    value={form.contacts[c]}
                    onChange={(e) =>
                      setForm({ ...form, contacts: { ...form.contacts, [c]: e.target.value } })
                    }
                  />
                </Field>
              ))}
            </div>
          </fieldset>
          <div className="row">
            <Field label={t('dirHandoverStation')} name="handoverStation" save={save}>
              <input
                value={form.handoverStation}
                onChange={(e) => setForm({ ...form, handoverStation: e.target.value })}
              />
            </Field>
            <label className="check">
              <input
                type="checkbox"
                checked={form.active}
                onChange={(e) => setForm({ ...form, active: e.target.checked })}
              />{' '}
              {t('dirActive')}
            </label>
          </div>
          <fieldset>
            <legend>{t('dirShifts')}</legend>
            <table className="table" data-testid="dir-shifts">
              <thead>
                <tr>
                  <th>{t('dirWeekday')}</th>
                  <th>{t('dirStarts')}</th>
                  <th>{t('dirEnds')}</th>
                  <th>{t('dirOfficer')}</th>
                  <th>{t('dirPhone')}</th>
                  <th>{t('dirEmail')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {form.shifts.map((s, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, in order
                  <tr key={i}>
                    <td>
                      <select
                        aria-label={t('dirWeekday')}
                        value={s.weekday}
                        onChange={(e) => setShift(i, { weekday: Number(e.target.value) })}
                      >
                        {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                          <option key={d} value={d}>
                            {t(`wd_${d}` as 'wd_1')}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <input
                        aria-label={t('dirStarts')}
                        inputMode="numeric"
                        pattern="([01][0-9]|2[0-3]):[0-5][0-9]"
                        placeholder="07:00"
                        size={5}
                        value={s.starts}
                        onChange={(e) => setShift(i, { starts: e.target.value })}
                      />
                    </td>
                    <td>
                      <input
                        aria-label={t('dirEnds')}
                        inputMode="numeric"
                        pattern="([01][0-9]|2[0-3]):[0-5][0-9]"
                        placeholder="07:00"
                        size={5}
                        value={s.ends}
                        onChange={(e) => setShift(i, { ends: e.target.value })}
                      />
                    </td>
                    <td>
                      <input
                        aria-label={t('dirOfficer')}
                        value={s.officer}
                        onChange={(e) => setShift(i, { officer: e.target.value })}
                      />
                    </td>
                    <td>
                      <input
                        aria-label={t('dirPhone')}
                        value={s.phone ?? ''}
                        onChange={(e) => setShift(i, { phone: e.target.value })}
                      />
                    </td>
                    <td>
                      <input
                        aria-label={t('dirEmail')}
                        value={s.email ?? ''}
                        onChange={(e) => setShift(i, { email: e.target.value })}
                      />
                    </td>
                    <td>
                      <button
                        type="button"
                        onClick={() => setForm({ ...form, shifts: form.shifts.filter((_, j) => j !== i) })}
                      >
                        {t('adminRemove')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <button
              type="button"
              onClick={() =>
                setForm({
                  ...form,
                  shifts: [
                    ...form.shifts,
                    { weekday: 1, starts: '07:00', ends: '15:00', officer: '', phone: '', email: '' },
                  ],
                })
              }
            >
              {t('dirAddShift')}
            </button>
          </fieldset>
          <SaveButtons
            save={save}
            testId="dir-save"
            blocked={!form.code || !form.name || unknownTowns.length > 0}
            onCancel={form.id ? () => setForm(EMPTY) : null}
          />
        </AdminForm>
        {current && (
          <section data-testid="dir-exceptions">
            <h3>{t('dirExceptions')}</h3>
            <ul className="list">
              {current.exceptions.map((x) => (
                <li key={x.id}>
                  {formatDateTime(x.startsAt)} – {formatDateTime(x.endsAt)}: {x.officer} {x.phone ?? ''}
                  {x.reason ? ` (${x.reason})` : ''}{' '}
                  <button
                    type="button"
                    onClick={() =>
                      void save.run(async () => {
                        await apiSend('DELETE', `/api/oncall/services/${current.id}/exceptions/${x.id}`);
                        await load();
                      })
                    }
                  >
                    {t('adminRemove')}
                  </button>
                </li>
              ))}
            </ul>
            <AdminForm
              testId="dir-exception-form"
              onSubmit={() =>
                save.run(async () => {
                  await apiSend(
                    'POST',
                    `/api/oncall/services/${current.id}/exceptions`,
                    {
                      startsAt: ljubljanaInstant(ex.fromDate, ex.fromTime) ?? '',
                      endsAt: ljubljanaInstant(ex.toDate, ex.toTime) ?? '',
                      officer: ex.officer,
                      phone: ex.phone || null,
                      reason: ex.reason,
                    },
                    { idempotencyKey: newKey() },
                  );
                  setEx(NO_EXCEPTION);
                  await load();
                  return t('adminSaved');
                })
              }
            >
              <div className="row">
                <Field label={t('dirStarts')} name="startsAt" save={save}>
                  <span className="row">
                    <input
                      type="date"
                      value={ex.fromDate}
                      onChange={(e) => setEx({ ...ex, fromDate: e.target.value })}
                    />
                    <input
                      aria-label={`${t('dirStarts')} (HH:MM)`}
                      inputMode="numeric"
                      size={5}
                      value={ex.fromTime}
                      onChange={(e) => setEx({ ...ex, fromTime: e.target.value })}
                    />
                  </span>
                </Field>
                <Field label={t('dirEnds')} name="endsAt" save={save}>
                  <span className="row">
                    <input
                      type="date"
                      value={ex.toDate}
                      onChange={(e) => setEx({ ...ex, toDate: e.target.value })}
                    />
                    <input
                      aria-label={`${t('dirEnds')} (HH:MM)`}
                      inputMode="numeric"
                      size={5}
                      value={ex.toTime}
                      onChange={(e) => setEx({ ...ex, toTime: e.target.value })}
                    />
                  </span>
                </Field>
              </div>
              <div className="row">
                <Field label={t('dirOfficer')} name="officer" save={save}>
                  <input value={ex.officer} onChange={(e) => setEx({ ...ex, officer: e.target.value })} />
                </Field>
                <Field label={t('dirPhone')} name="phone" save={save}>
                  <input value={ex.phone} onChange={(e) => setEx({ ...ex, phone: e.target.value })} />
                </Field>
                <Field label={t('dirReason')} name="reason" save={save}>
                  <input value={ex.reason} onChange={(e) => setEx({ ...ex, reason: e.target.value })} />
                </Field>
              </div>
              <SaveButtons
                save={save}
                testId="dir-exception-save"
                label={t('dirAddException')}
                blocked={
                  !ljubljanaInstant(ex.fromDate, ex.fromTime) ||
                  !ljubljanaInstant(ex.toDate, ex.toTime) ||
                  !ex.officer
                }
              />
            </AdminForm>
          </section>
        )}
        <datalist id="municipality-names">
          {towns.map((m) => (
            <option key={m.id} value={m.name} />
          ))}
        </datalist>
      </section>
    </div>
  );
}
