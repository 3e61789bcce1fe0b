'use client';

import { type KeyboardEvent, useEffect, useId, useState } from 'react';
import { matchesHouseNumber, typedHouseNumber } from '@/lib/geo/house-number';
import { formatD96 } from '@/lib/i18n/format';
import { useUi } from '../_components/i18n';
import { useDebouncedGet } from '../_components/use-debounced-get';

export interface PlaceResult {
  id: number;
  kind: 'settlement' | 'address';
  label: string;
  position: { lat: number; lon: number; d96: { e: number; n: number } };
}

// Search the offline gazetteer as you type; ↓/↑ to move, Enter to choose, Esc to close. Enter with
// text in the field never submits the form (with no result it only says so). A result without the
// typed house number is marked, and choosing it tells the form to ask for a check.
export function PlaceSearch({
  onChoose,
}: {
  onChoose: (p: PlaceResult, doubt: { houseNumberMissing: boolean }) => void;
}) {
  const { t } = useUi();
  const listId = useId();
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const text = q.trim();
  const found = useDebouncedGet<PlaceResult[]>(
    text.length < 2 ? null : `/api/geocode?q=${encodeURIComponent(text)}&limit=8`,
    120,
  );
  const results = found.data ?? [];
  const asked = text.length < 2 ? null : `/api/geocode?q=${encodeURIComponent(text)}&limit=8`;
  const none = asked !== null && found.url === asked && results.length === 0;
  const number = typedHouseNumber(text);
  // A new answer opens the list at its first place.
  useEffect(() => {
    setActive(0);
    setOpen(found.data !== undefined);
  }, [found.data]);

  const choose = (p: PlaceResult | undefined) => {
    if (!p) return;
    onChoose(p, { houseNumberMissing: !matchesHouseNumber(p.label, p.kind, number) });
    setQ('');
    setOpen(false);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    // Enter in a search with text is for the search, never the form's save.
    if (e.key === 'Enter' && text) {
      e.preventDefault();
      e.stopPropagation();
    }
    if (!open || results.length === 0) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => (e.key === 'ArrowDown' ? Math.min(results.length - 1, a + 1) : Math.max(0, a - 1)));
    } else if (e.key === 'Enter') {
      // Choosing a place must not also submit the form.
      e.preventDefault();
      e.stopPropagation();
      choose(results[active]);
    } else if (e.key === 'Escape') {
      setOpen(false);
    }
  };

  return (
    <div className="field place-search">
      <label htmlFor="place-search">
        {t('searchPlace')} <kbd>Alt+P</kbd>
      </label>
      <input
        id="place-search"
        role="combobox"
        aria-expanded={open && results.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && results[active] ? `${listId}-${results[active].id}` : undefined}
        autoComplete="off"
        value={q}
        placeholder={t('searchPlaceHint')}
        onChange={(e) => setQ(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      {open && results.length > 0 && (
        <div className="place-results" id={listId} role="listbox" data-testid="place-results">
          {results.map((r, i) => (
            <div
              key={r.id}
              tabIndex={-1}
              id={`${listId}-${r.id}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(r);
              }}
            >
              <strong>{r.label}</strong>{' '}
              {!matchesHouseNumber(r.label, r.kind, number) && (
                <span className="flag" data-testid="no-house-number">
                  {t('noHouseNumber')}
                </span>
              )}{' '}
              <span className="muted">
                {r.kind === 'address' ? t('kindAddress') : t('kindSettlement')} · {formatD96(r.position.d96)}
              </span>
            </div>
          ))}
        </div>
      )}
      {none && (
        <div className="muted" role="status" data-testid="place-none">
          {t('noResults')}
        </div>
      )}
    </div>
  );
}
