'use client';

import { useCallback, useEffect, useState } from 'react';
import type { MessageKey } from '@/lib/i18n/messages';
import type { TQuestion } from '@/lib/triage/schemas';
import { CAPABILITY_LABELS, capabilityLabel } from '@/lib/units/capabilities';
import { ALL_AGENCIES } from '../_components/agencies';
import { apiGet, apiSend, newKey } from '../_components/api';
import { useUi } from '../_components/i18n';
import type { IncidentType } from '../_components/live-state';
import {
  AdminForm,
  Feedback,
  Field,
  needsToText,
  SaveButtons,
  splitList,
  textToNeeds,
  useSave,
  useT,
} from './admin-ui';

type Priority = 'red' | 'yellow' | 'green';
interface AnswerForm {
  key: string;
  code: string;
  sl: string;
  en: string;
  priority: '' | Priority;
  needs: string;
}
interface QuestionForm {
  key: string;
  id: string;
  sl: string;
  en: string;
  answers: AnswerForm[];
}
interface TypeForm {
  code: string;
  existing: boolean;
  nameSl: string;
  nameEn: string;
  defaultPriority: Priority;
  agencies: string;
  needs: string;
  questions: QuestionForm[];
}

const EMPTY: TypeForm = {
  code: '',
  existing: false,
  nameSl: '',
  nameEn: '',
  defaultPriority: 'yellow',
  agencies: '',
  needs: '',
  questions: [],
};
let keySeq = 0;
/** A React key for rows that have no id yet (a new question or answer). */
const uid = () => `k${++keySeq}`;
const newAnswer = (): AnswerForm => ({ key: uid(), code: '', sl: '', en: '', priority: '', needs: '' });

function toForm(x: IncidentType & { agencies?: string[] }): TypeForm {
  return {
    code: x.code,
    existing: true,
    nameSl: x.name.sl,
    nameEn: x.name.en,
    defaultPriority: x.defaultPriority,
    agencies: (x.agencies ?? []).join(', '),
    needs: needsToText(x.needs),
    questions: x.questions.map((q: TQuestion) => ({
      key: uid(),
      id: q.id,
      sl: q.sl,
      en: q.en,
      answers: q.answers.map((a) => ({
        key: uid(),
        code: a.code,
        sl: a.sl,
        en: a.en,
        priority: a.priority ?? '',
        needs: needsToText(a.needs),
      })),
    })),
  };
}

// Incident types and their protocol questions: each answer may raise the priority and add needs,
// which is how the call-taker's triage and the dispatcher's recommendations are driven.
export function TypesAdmin() {
  const t = useT();
  const { lang } = useUi();
  const [types, setTypes] = useState<(IncidentType & { agencies?: string[] })[]>([]);
  const [form, setForm] = useState<TypeForm>(EMPTY);
  const save = useSave();
  const load = useCallback(async () => setTypes(await apiGet<IncidentType[]>('/api/incident-types')), []);
  useEffect(() => {
    void load();
  }, [load]);
  const setQ = (qi: number, patch: Partial<QuestionForm>) =>
    setForm((f) => ({ ...f, questions: f.questions.map((q, i) => (i === qi ? { ...q, ...patch } : q)) }));
  const setA = (qi: number, ai: number, patch: Partial<AnswerForm>) =>
    setForm((f) => ({
      ...f,
      questions: f.questions.map((q, i) =>
        i === qi ? { ...q, answers: q.answers.map((a, j) => (j === ai ? { ...a, ...patch } : a)) } : q,
      ),
    }));
  const submit = () =>
    save.run(async () => {
      const body = {
        name: { sl: form.nameSl, en: form.nameEn },
        defaultPriority: form.defaultPriority,
        agencies: splitList(form.agencies),
        needs: textToNeeds(form.needs),
        questions: form.questions.map((q) => ({
          id: q.id,
          sl: q.sl,
          en: q.en,
          answers: q.answers.map((a) => ({
            code: a.code,
            sl: a.sl,
            en: a.en,
            ...(a.priority ? { priority: a.priority } : {}),
            ...(a.needs.trim() ? { needs: textToNeeds(a.needs) } : {}),
          })),
        })),
      };
      await apiSend('PUT', `/api/incident-types/${encodeURIComponent(form.code)}`, body, {
        idempotencyKey: newKey(),
      });
      await load();
      setForm((f) => ({ ...f, existing: true }));
      return t('adminSaved');
    });

  return (
    <div className="admin-grid admin-grid-wide">
      <section className="panel">
        <h2>{t('adminTypes')}</h2>
        <ul className="list" data-testid="types-list">
          {types.map((x) => (
            <li key={x.code}>
              <button type="button" className="link-button" onClick={() => setForm(toForm(x))}>
                <span className={`prio prio-${x.defaultPriority}`} /> <code>{x.code}</code>{' '}
                <span lang="sl">{x.name.sl}</span> / <span lang="en">{x.name.en}</span> · {x.questions.length}{' '}
                {t('adminQuestions').toLowerCase()}
              </button>
            </li>
          ))}
        </ul>
        <button type="button" onClick={() => setForm(EMPTY)}>
          {t('adminNewType')}
        </button>
      </section>
      <section className="panel">
        <h2>
          {form.existing ? (
            <>
              {t('adminEdit')}: <code>{form.code}</code>
            </>
          ) : (
            t('adminNewType')
          )}
        </h2>
        <Feedback save={save} />
        <AdminForm onSubmit={submit} testId="type-form">
          {!form.existing && (
            <Field label={t('adminCode')} name="code" save={save}>
              <input
                value={form.code}
                onChange={(e) => setForm({ ...form, code: e.target.value })}
                placeholder="fire_forest"
                data-testid="type-code"
              />
            </Field>
          )}
          <div className="row">
            <Field label={`${t('adminName')} (SL)`} name="name.sl" save={save}>
              <input
                value={form.nameSl}
                onChange={(e) => setForm({ ...form, nameSl: e.target.value })}
                data-testid="type-name-sl"
              />
            </Field>
            <Field label={`${t('adminName')} (EN)`} name="name.en" save={save}>
              <input
                value={form.nameEn}
                onChange={(e) => setForm({ ...form, nameEn: e.target.value })}
                data-testid="type-name-en"
              />
            </Field>
          </div>
          <div className="row">
            <Field label={t('adminDefaultPriority')} name="defaultPriority" save={save}>
              <select
                value={form.defaultPriority}
                onChange={(e) => setForm({ ...form, defaultPriority: e.target.value as Priority })}
              >
                <option value="red">{t('priorityRed')}</option>
                <option value="yellow">{t('priorityYellow')}</option>
                <option value="green">{t('priorityGreen')}</option>
              </select>
            </Field>
            <Field label={t('filterAgency')} name="agencies" save={save}>
              <input value={form.agencies} onChange={(e) => setForm({ ...form, agencies: e.target.value })} />
              <CodeHint codes={ALL_AGENCIES.map((a) => [a, t(`agency_${a}` as MessageKey)] as const)} />
            </Field>
          </div>
          <Field label={t('adminNeeds')} name="needs" save={save}>
            <input
              value={form.needs}
              onChange={(e) => setForm({ ...form, needs: e.target.value })}
              placeholder="fire:2, aerial"
              data-testid="type-needs"
            />
            <CodeHint
              codes={Object.keys(CAPABILITY_LABELS).map((c) => [c, capabilityLabel(c, lang)] as const)}
            />
          </Field>
          <h3>{t('adminQuestions')}</h3>
          {save.fields.questions && <p className="error">{save.fields.questions}</p>}
          {form.questions.map((q, qi) => (
            <fieldset key={q.key} className="question-edit">
              <legend>
                {qi + 1}.{' '}
                <button
                  type="button"
                  onClick={() =>
                    setForm((f) => ({ ...f, questions: f.questions.filter((_, i) => i !== qi) }))
                  }
                  aria-label={`${t('adminRemove')} ${qi + 1}`}
                >
                  {t('adminRemove')}
                </button>
              </legend>
              <div className="row">
                <Field label="id" name={`questions.${qi}.id`} save={save}>
                  <input value={q.id} onChange={(e) => setQ(qi, { id: e.target.value })} />
                </Field>
                <Field label="SL" name={`questions.${qi}.sl`} save={save}>
                  <input value={q.sl} onChange={(e) => setQ(qi, { sl: e.target.value })} />
                </Field>
                <Field label="EN" name={`questions.${qi}.en`} save={save}>
                  <input value={q.en} onChange={(e) => setQ(qi, { en: e.target.value })} />
                </Field>
              </div>
              <table className="table answers-edit">
                <thead>
                  <tr>
                    <th>{t('adminCode')}</th>
                    <th>SL</th>
                    <th>EN</th>
                    <th>{t('priority')}</th>
                    <th>{t('adminNeeds')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {q.answers.map((a, ai) => (
                    <tr
                      key={a.key}
                      className={
                        Object.keys(save.fields).some((k) => k.startsWith(`questions.${qi}.answers.${ai}.`))
                          ? 'invalid'
                          : ''
                      }
                    >
                      <td>
                        <input
                          value={a.code}
                          onChange={(e) => setA(qi, ai, { code: e.target.value })}
                          aria-label={`${t('adminCode')} ${ai + 1}`}
                        />
                      </td>
                      <td>
                        <input
                          value={a.sl}
                          onChange={(e) => setA(qi, ai, { sl: e.target.value })}
                          aria-label={`SL ${ai + 1}`}
                        />
                      </td>
                      <td>
                        <input
                          value={a.en}
                          onChange={(e) => setA(qi, ai, { en: e.target.value })}
                          aria-label={`EN ${ai + 1}`}
                        />
                      </td>
                      <td>
                        <select
                          value={a.priority}
                          onChange={(e) =>
                            setA(qi, ai, { priority: e.target.value as AnswerForm['priority'] })
                          }
                          aria-label={`${t('priority')} ${ai + 1}`}
                        >
                          <option value="">–</option>
                          <option value="red">{t('priorityRed')}</option>
                          <option value="yellow">{t('priorityYellow')}</option>
                          <option value="green">{t('priorityGreen')}</option>
                        </select>
                      </td>
                      <td>
                        <input
                          value={a.needs}
                          onChange={(e) => setA(qi, ai, { needs: e.target.value })}
                          aria-label={`${t('adminNeeds')} ${ai + 1}`}
                        />
                      </td>
                      <td>
                        <button
                          type="button"
                          onClick={() => setQ(qi, { answers: q.answers.filter((_, j) => j !== ai) })}
                          aria-label={t('adminRemove')}
                        >
                          ×
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <button type="button" onClick={() => setQ(qi, { answers: [...q.answers, newAnswer()] })}>
                {t('adminAddAnswer')}
              </button>
            </fieldset>
          ))}
          <button
            type="button"
            onClick={() =>
              setForm((f) => ({
                ...f,
                questions: [
                  ...f.questions,
                  { key: uid(), id: '', sl: '', en: '', answers: [newAnswer(), newAnswer()] },
                ],
              }))
            }
          >
            {t('adminAddQuestion')}
          </button>
          <SaveButtons save={save} testId="type-save" blocked={!form.code} />
        </AdminForm>
      </section>
    </div>
  );
}

/** The codes a field takes, each with its name in the screen's language (identifiers set as code). */
function CodeHint({ codes }: { codes: readonly (readonly [string, string])[] }) {
  return (
    <div className="muted code-hint">
      {codes.map(([code, name], i) => (
        <span key={code}>
          {i > 0 && ' · '}
          <code>{code}</code> {name}
        </span>
      ))}
    </div>
  );
}
