'use client';

import { useEffect, useState } from 'react';
import { AED_INCIDENT_TYPES } from '@/lib/geodata/aed-types';
import type { AedDto } from '@/lib/geodata/nearest';
import { AedList } from '../_components/domain/AedList';
import { useUi } from '../_components/i18n';
import { useDebouncedGet } from '../_components/use-debounced-get';

interface Article {
  id: number;
  slug: string;
  kind: string;
  title: { sl: string; en: string };
  body: { sl: string; en: string };
}

// The articles for the chosen incident type beside the form, and a search over the whole base. For a
// suspected cardiac arrest the nearest defibrillators available now come first, with the instructions.
export function KnowledgePanel({
  type,
  place,
}: {
  type: string;
  place: { lat: number; lon: number } | null;
}) {
  const { t, lang } = useUi();
  const aedUrl =
    place && AED_INCIDENT_TYPES.includes(type)
      ? `/api/aeds/nearest?lat=${place.lat.toFixed(6)}&lon=${place.lon.toFixed(6)}`
      : null;
  const aeds = useDebouncedGet<{ available: AedDto[]; unavailable: AedDto[] }>(aedUrl, 200);
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
      {aedUrl && aeds.url === aedUrl && aeds.data && (
        <AedList available={aeds.data.available} unavailable={aeds.data.unavailable} />
      )}
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
