'use client';

import { useEffect, useState } from 'react';
import { useUi } from '../_components/i18n';
import { useDebouncedGet } from '../_components/use-debounced-get';

interface Article {
  id: number;
  slug: string;
  kind: string;
  title: { sl: string; en: string };
  body: { sl: string; en: string };
}

// The articles for the chosen incident type beside the form, and a search over the whole base.
export function KnowledgePanel({ type }: { type: string }) {
  const { t, lang } = useUi();
  const [q, setQ] = useState('');
  const [open, setOpen] = useState<number | null>(null);
  const text = q.trim();
  const found = useDebouncedGet<Article[]>(
    text
      ? `/api/kb?q=${encodeURIComponent(text)}`
      : type
        ? `/api/kb?type=${encodeURIComponent(type)}`
        : '/api/kb?limit=10',
  );
  const articles = found.data ?? [];
  // A new answer opens its first article.
  useEffect(() => setOpen(found.data?.[0]?.id ?? null), [found.data]);

  return (
    <section className="panel kb" aria-labelledby="kb-title" data-testid="kb">
      <h2 id="kb-title">{t('knowledgeBase')}</h2>
      <div className="field">
        <label htmlFor="kb-search">
          {t('searchKb')} <kbd>Alt+B</kbd>
        </label>
        <input
          id="kb-search"
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          autoComplete="off"
        />
      </div>
      {articles.length === 0 && <p className="muted">{t('none')}</p>}
      {articles.map((a) => (
        <article key={a.id} className="kb-article" data-testid={`kb-${a.slug}`}>
          <button
            type="button"
            className="kb-title"
            aria-expanded={open === a.id}
            onClick={() => setOpen(open === a.id ? null : a.id)}
          >
            {a.title[lang]}
          </button>
          {open === a.id && <div className="kb-body">{a.body[lang]}</div>}
        </article>
      ))}
    </section>
  );
}
