'use client';

import { type KeyboardEvent, useRef, useState } from 'react';
import { BOARD_SORTS, type BoardSort } from '@/lib/live/board-order';
import { useUi } from '../_components/i18n';
import type { IncidentRow } from '../_components/live-state';
import { useKey } from '../_components/use-key';
import { BoardRow } from './BoardRow';

const SORT_LABEL = {
  urgency: 'sortUrgency',
  priority: 'sortPriority',
  newest: 'sortNewest',
  oldest: 'sortOldest',
} as const satisfies Record<BoardSort, string>;

// The board: open incidents (or the recently ended, to reopen one) in the chosen order. The list is
// one tab stop; ↑/↓ move the selection inside it (aria-activedescendant), G jumps to a number.
export function Board({
  board,
  view,
  setView,
  sort,
  setSort,
  selected,
  unopened,
  typeName,
  onSelect,
  onJump,
  openCount,
}: {
  board: IncidentRow[];
  view: 'open' | 'ended';
  setView: (v: 'open' | 'ended') => void;
  sort: BoardSort;
  setSort: (s: BoardSort) => void;
  selected: number | null;
  unopened: ReadonlySet<number>;
  typeName: (code: string) => string;
  onSelect: (id: number) => void;
  onJump: (text: string) => Promise<boolean>;
  openCount: number;
}) {
  const { t } = useUi();
  const [jump, setJump] = useState('');
  const jumpField = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);
  useKey('g', () => {
    jumpField.current?.focus();
    return true;
  });
  const onJumpKey = async (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      if (await onJump(jump)) {
        setJump('');
        list.current?.focus();
      }
    } else if (e.key === 'Escape') jumpField.current?.blur();
  };
  return (
    <>
      <div className="board-tools">
        <div className="row-buttons" role="tablist" aria-label={t('boardView')}>
          <button
            type="button"
            role="tab"
            aria-selected={view === 'open'}
            onClick={() => setView('open')}
            data-testid="view-open"
          >
            {t('openIncidents')} (<span data-testid="board-count">{openCount}</span>)
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={view === 'ended'}
            onClick={() => setView('ended')}
            data-testid="view-ended"
          >
            {t('endedIncidents')}
          </button>
        </div>
        <div className="row">
          <label className="field">
            {t('sortBy')}
            <select
              value={sort}
              onChange={(e) => setSort(e.target.value as BoardSort)}
              data-testid="board-sort"
            >
              {BOARD_SORTS.map((s) => (
                <option key={s} value={s}>
                  {t(SORT_LABEL[s])}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>
              {t('jumpToIncident')} <kbd>G</kbd>
            </span>
            <input
              ref={jumpField}
              value={jump}
              onChange={(e) => setJump(e.target.value)}
              onKeyDown={onJumpKey}
              inputMode="numeric"
              placeholder="123"
              aria-keyshortcuts="G"
              data-testid="jump"
            />
          </label>
        </div>
        <p className="muted hint">
          <kbd>↑</kbd>/<kbd>↓</kbd> · <kbd>⇧N</kbd> {t('newestUnassigned')}
        </p>
      </div>
      <div
        ref={list}
        className="list board-list"
        role="listbox"
        tabIndex={0}
        aria-label={view === 'open' ? t('openIncidents') : t('endedIncidents')}
        aria-activedescendant={
          selected !== null && board.some((i) => i.id === selected) ? `board-opt-${selected}` : undefined
        }
        data-testid="board"
      >
        {board.map((i) => (
          <BoardRow
            key={i.id}
            incident={i}
            typeLabel={typeName(i.type)}
            selected={i.id === selected}
            unopened={unopened.has(i.id)}
            onSelect={onSelect}
          />
        ))}
      </div>
    </>
  );
}
