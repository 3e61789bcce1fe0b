'use client';

import type { FormEvent, ReactNode } from 'react';
import { useUi } from '../_components/i18n';

// The small forms that open in place on the dispatcher's detail (an action, an edit, a unit's
// release, swap or radio report): Escape closes them, the error is said in the screen's language,
// and the submit and back buttons are the same everywhere.
export function InlineForm({
  onSubmit,
  done,
  error,
  busy,
  submitLabel,
  submitTestId,
  submitDisabled,
  inline,
  label,
  testId,
  children,
}: {
  onSubmit: (e: FormEvent) => void;
  done: () => void;
  error: string | null;
  busy: boolean;
  submitLabel: string;
  submitTestId: string;
  submitDisabled?: boolean;
  /** Inside a table row (no outer margin). */
  inline?: boolean;
  label?: string;
  testId: string;
  children: ReactNode;
}) {
  const { t } = useUi();
  return (
    <form
      className={inline ? 'action-form inline' : 'action-form'}
      onSubmit={onSubmit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          done();
        }
      }}
      aria-label={label}
      data-testid={testId}
    >
      {children}
      {error && (
        <div className="toast err" role="alert">
          {error}
        </div>
      )}
      <div className="row-buttons">
        <button
          type="submit"
          className="primary"
          disabled={busy || submitDisabled}
          data-testid={submitTestId}
        >
          {submitLabel}
        </button>
        <button type="button" onClick={done}>
          {t('back')} <kbd>Esc</kbd>
        </button>
      </div>
    </form>
  );
}
