import { morePressing, type Priority } from '../incidents/incident-status';
import type { TNeed, TQuestion } from './schemas';

export interface TriageResult {
  priority: Priority;
  needs: TNeed[];
  /** The answers that set the priority, for the timeline: "Ali oseba diha? → ne". */
  reasons: { question: string; answer: string; priority?: Priority }[];
  unanswered: string[];
}

// Pure: the same function runs in the call-taker's browser (to suggest) and on the server (to record).
// The priority is the most urgent priority among the chosen answers, or the type's default when no
// answer sets one (so "a small patch of grass" can lower a forest fire to green, and any answer that
// calls for red wins); needs are the type's plus the answers', the larger count per capability.
export function evaluateTriage(
  type: { defaultPriority: Priority; needs: TNeed[]; questions: TQuestion[] },
  answers: Record<string, string>,
): TriageResult {
  let answered: Priority | null = null;
  const needs = new Map(type.needs.map((n) => [n.capability, n.count]));
  const reasons: TriageResult['reasons'] = [];
  const unanswered: string[] = [];
  for (const q of type.questions) {
    const code = answers[q.id];
    const a = code === undefined ? undefined : q.answers.find((x) => x.code === code);
    if (!a) {
      unanswered.push(q.id);
      continue;
    }
    reasons.push({ question: q.sl, answer: a.sl, ...(a.priority ? { priority: a.priority } : {}) });
    if (a.priority) answered = answered === null ? a.priority : morePressing(a.priority, answered);
    for (const n of a.needs ?? []) needs.set(n.capability, Math.max(needs.get(n.capability) ?? 0, n.count));
  }
  const priority = answered ?? type.defaultPriority;
  return {
    priority,
    needs: [...needs].map(([capability, count]) => ({ capability, count })),
    reasons,
    unanswered,
  };
}
