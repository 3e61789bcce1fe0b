'use client';

import type { TQuestion } from '@/lib/triage/schemas';
import { useUi } from '../_components/i18n';

// The protocol questions of the chosen type; each answer may raise or lower the suggested priority.
export function ProtocolQuestions({
  questions,
  answers,
  onAnswer,
}: {
  questions: TQuestion[];
  answers: Record<string, string>;
  onAnswer: (id: string, code: string) => void;
}) {
  const { t, lang } = useUi();
  if (questions.length === 0) return null;
  return (
    <fieldset className="protocol" data-testid="protocol">
      <legend>{t('protocol')}</legend>
      {questions.map((q) => (
        <div key={q.id} className="protocol-q" role="radiogroup" aria-label={q[lang]}>
          <span className="protocol-text">{q[lang]}</span>
          <span className="protocol-answers">
            {q.answers.map((a) => (
              <label key={a.code} className="protocol-answer" data-priority={a.priority ?? ''}>
                <input
                  type="radio"
                  name={`q-${q.id}`}
                  value={a.code}
                  checked={answers[q.id] === a.code}
                  onChange={() => onAnswer(q.id, a.code)}
                />
                {a[lang]}
              </label>
            ))}
          </span>
        </div>
      ))}
    </fieldset>
  );
}
