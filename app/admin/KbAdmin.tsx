'use client';

import { useCallback, useEffect, useState } from 'react';
import { apiGet, apiSend, newKey } from '../_components/api';
import { AdminForm, Feedback, Field, SaveButtons, splitList, useSave, useT } from './admin-ui';

interface Article {
  id: number;
  slug: string;
  kind: 'procedure' | 'caller_instructions' | 'contacts';
  title: { sl: string; en: string };
  body: { sl: string; en: string };
  incidentTypes: string[];
}

const EMPTY = {
  slug: '',
  existing: false,
  kind: 'procedure',
  titleSl: '',
  titleEn: '',
  bodySl: '',
  bodyEn: '',
  incidentTypes: '',
};

export function KbAdmin() {
  const t = useT();
  const [articles, setArticles] = useState<Article[]>([]);
  const [form, setForm] = useState(EMPTY);
  const save = useSave();
  const load = useCallback(async () => setArticles(await apiGet<Article[]>('/api/kb?limit=500')), []);
  useEffect(() => {
    void load();
  }, [load]);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));
  const submit = () =>
    save.run(async () => {
      await apiSend(
        'PUT',
        `/api/kb/${encodeURIComponent(form.slug)}`,
        {
          kind: form.kind,
          title: { sl: form.titleSl, en: form.titleEn },
          body: { sl: form.bodySl, en: form.bodyEn },
          incidentTypes: splitList(form.incidentTypes),
        },
        { idempotencyKey: newKey() },
      );
      setForm((f) => ({ ...f, existing: true }));
      await load();
      return t('adminSaved');
    });
  return (
    <div className="admin-grid admin-grid-wide">
      <section className="panel">
        <h2>{t('adminKb')}</h2>
        <ul className="list" data-testid="kb-list">
          {articles.map((a) => (
            <li key={a.id}>
              <button
                type="button"
                className="link-button"
                onClick={() =>
                  setForm({
                    slug: a.slug,
                    existing: true,
                    kind: a.kind,
                    titleSl: a.title.sl,
                    titleEn: a.title.en,
                    bodySl: a.body.sl,
                    bodyEn: a.body.en,
                    incidentTypes: a.incidentTypes.join(', '),
                  })
                }
              >
                {a.title.sl} <span className="muted">({a.slug})</span>
              </button>
            </li>
          ))}
        </ul>
        <button type="button" onClick={() => setForm(EMPTY)}>
          {t('adminNewArticle')}
        </button>
      </section>
      <section className="panel">
        <h2>{form.existing ? `${t('adminEdit')}: ${form.slug}` : t('adminNewArticle')}</h2>
        <Feedback save={save} />
        <AdminForm onSubmit={submit} testId="kb-form">
          <div className="row">
            {!form.existing && (
              <Field label={t('adminSlug')} name="slug" save={save}>
                <input
                  value={form.slug}
                  onChange={set('slug')}
                  placeholder="pozar-v-predoru"
                  data-testid="kb-slug"
                />
              </Field>
            )}
            <Field label={t('adminKind')} name="kind" save={save}>
              <select value={form.kind} onChange={set('kind')}>
                <option value="procedure">{t('kbKindProcedure')}</option>
                <option value="caller_instructions">{t('kbKindCaller')}</option>
                <option value="contacts">{t('kbKindContacts')}</option>
              </select>
            </Field>
          </div>
          <Field label={`${t('adminTitle')} (SL)`} name="title.sl" save={save}>
            <input value={form.titleSl} onChange={set('titleSl')} data-testid="kb-title-sl" />
          </Field>
          <Field label={`${t('adminTitle')} (EN)`} name="title.en" save={save}>
            <input value={form.titleEn} onChange={set('titleEn')} data-testid="kb-title-en" />
          </Field>
          <Field label={`${t('adminBody')} (SL)`} name="body.sl" save={save}>
            <textarea rows={6} value={form.bodySl} onChange={set('bodySl')} data-testid="kb-body-sl" />
          </Field>
          <Field label={`${t('adminBody')} (EN)`} name="body.en" save={save}>
            <textarea rows={6} value={form.bodyEn} onChange={set('bodyEn')} data-testid="kb-body-en" />
          </Field>
          <Field label={t('adminTypes')} name="incidentTypes" save={save}>
            <input
              value={form.incidentTypes}
              onChange={set('incidentTypes')}
              placeholder="fire_building, cardiac_arrest"
            />
          </Field>
          <SaveButtons save={save} testId="kb-save" blocked={!form.slug} />
        </AdminForm>
      </section>
    </div>
  );
}
