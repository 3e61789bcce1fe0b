'use client';

import { useCallback, useEffect, useState } from 'react';
import type { MessageKey } from '@/lib/i18n/messages';
import type { UnitDto } from '@/lib/units/unit-dto';
import { apiGet, apiSend, newKey } from '../_components/api';
import {
  AdminForm,
  Feedback,
  Field,
  SaveButtons,
  StationSelect,
  splitList,
  useSave,
  useStations,
  useT,
} from './admin-ui';

const EMPTY = { id: 0, callsign: '', type: '', capabilities: '', stationId: '' };

export function UnitsAdmin() {
  const t = useT();
  const [units, setUnits] = useState<UnitDto[]>([]);
  const stations = useStations();
  const [form, setForm] = useState(EMPTY);
  const [filter, setFilter] = useState('');
  const save = useSave();
  const load = useCallback(async () => setUnits(await apiGet<UnitDto[]>('/api/units')), []);
  useEffect(() => {
    void load();
  }, [load]);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));
  const submit = () =>
    save.run(async () => {
      const body = {
        callsign: form.callsign,
        type: form.type,
        capabilities: splitList(form.capabilities),
        stationId: Number(form.stationId) || 0,
      };
      if (form.id) await apiSend('PATCH', `/api/units/${form.id}`, body, { idempotencyKey: newKey() });
      else await apiSend('POST', '/api/units', body, { idempotencyKey: newKey() });
      setForm(EMPTY);
      await load();
      return t('adminSaved');
    });
  const q = filter.trim().toUpperCase();
  const shown = q
    ? units.filter((u) => u.callsign.includes(q) || u.stationName.toUpperCase().includes(q))
    : units;

  return (
    <div className="admin-grid">
      <section className="panel">
        <h2>
          {t('adminUnits')} ({units.length})
        </h2>
        <input
          placeholder={t('adminFilter')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          aria-label={t('adminFilter')}
        />
        <table className="table" data-testid="units-table">
          <thead>
            <tr>
              <th>{t('adminCallsign')}</th>
              <th>{t('adminType')}</th>
              <th>{t('adminCapabilities')}</th>
              <th>{t('adminStation')}</th>
              <th>{t('filterStatus')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {shown.map((u) => (
              <tr key={u.id} data-callsign={u.callsign}>
                <td>{u.callsign}</td>
                <td>{u.type}</td>
                <td>{u.capabilities.join(', ')}</td>
                <td>{u.stationName}</td>
                <td>
                  <span className="status" data-status={u.status}>
                    {t(`st_${u.status}` as MessageKey)}
                  </span>
                </td>
                <td>
                  <button
                    type="button"
                    onClick={() =>
                      setForm({
                        id: u.id,
                        callsign: u.callsign,
                        type: u.type,
                        capabilities: u.capabilities.join(', '),
                        stationId: String(u.stationId),
                      })
                    }
                  >
                    {t('adminEdit')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel">
        <h2>{form.id ? `${t('adminEdit')}: ${form.callsign}` : t('adminNewUnit')}</h2>
        <Feedback save={save} />
        <AdminForm onSubmit={submit} testId="unit-form">
          <Field label={t('adminCallsign')} name="callsign" save={save}>
            <input value={form.callsign} onChange={set('callsign')} data-testid="unit-callsign" />
          </Field>
          <Field label={t('adminType')} name="type" save={save}>
            <input
              value={form.type}
              onChange={set('type')}
              placeholder="GVC 16/25, NRV, …"
              data-testid="unit-type"
            />
          </Field>
          <Field label={t('adminCapabilities')} name="capabilities" save={save}>
            <input
              value={form.capabilities}
              onChange={set('capabilities')}
              placeholder="fire, water, ladder"
              data-testid="unit-capabilities"
            />
          </Field>
          <Field label={t('adminStation')} name="stationId" save={save}>
            <StationSelect
              value={form.stationId}
              onChange={(v) => setForm((f) => ({ ...f, stationId: v }))}
              stations={stations}
              testId="unit-station"
            />
          </Field>
          <SaveButtons
            save={save}
            testId="unit-save"
            onCancel={form.id !== 0 ? () => setForm(EMPTY) : null}
          />
        </AdminForm>
      </section>
    </div>
  );
}
