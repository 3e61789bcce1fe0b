'use client';

import type { IncidentDto } from '@/lib/incidents/incident-dto';
import type { TQuestion } from '@/lib/triage/schemas';
import { useUi } from './i18n';
import type { IncidentType } from './live-state';

/** The protocol answers given at intake, as the question and the answer in the screen's language. */
export function triageLines(
  incident: Pick<IncidentDto, 'type' | 'triage'>,
  types: IncidentType[],
  lang: 'sl' | 'en',
): { question: string; answer: string; raised: boolean }[] {
  const answers = (incident.triage as { answers?: Record<string, string> } | null)?.answers;
  if (!answers) return [];
  const questions = (types.find((t) => t.code === incident.type)?.questions ?? []) as TQuestion[];
  return Object.entries(answers).flatMap(([id, code]) => {
    const q = questions.find((x) => x.id === id);
    const a = q?.answers.find((x) => x.code === code);
    // A question since removed from the protocol is not shown as a code.
    return q && a
      ? [{ question: q[lang], answer: a[lang], raised: Boolean(a.priority || a.needs?.length) }]
      : [];
  });
}

// What the caller answered to the type's protocol questions ("someone trapped: yes"), for the
// dispatcher's detail and the crew's alarm and unit card; answers that raised the priority or added
// needs stand out.
export function TriageAnswers({
  incident,
  types,
  large,
}: {
  incident: Pick<IncidentDto, 'type' | 'triage'>;
  types: IncidentType[];
  large?: boolean;
}) {
  const { t, lang } = useUi();
  const lines = triageLines(incident, types, lang);
  if (lines.length === 0) return null;
  return (
    <div className={large ? 'triage-answers large' : 'triage-answers'} data-testid="triage-answers">
      <strong>{t('protocolAnswers')}</strong>
      <ul>
        {lines.map((l) => (
          <li key={l.question} data-raised={l.raised}>
            {l.question}
            {/[?:]$/.test(l.question) ? ' ' : ': '}
            <strong>{l.answer}</strong>
          </li>
        ))}
      </ul>
    </div>
  );
}
