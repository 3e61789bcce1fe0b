import type { IncidentDto } from './incident-dto';

type Status = IncidentDto['status'];

// Incident lifecycle: new → dispatched → in_progress → closed, or cancelled before work starts.
const NEXT: Record<Status, readonly Status[]> = {
  new: ['dispatched', 'cancelled', 'closed'],
  dispatched: ['in_progress', 'closed', 'cancelled'],
  in_progress: ['closed'],
  closed: [],
  cancelled: [],
};

export function canChangeIncidentStatus(from: Status, to: Status): boolean {
  return from === to || NEXT[from].includes(to);
}

export const OPEN_INCIDENT_STATUSES: readonly Status[] = ['new', 'dispatched', 'in_progress'];
