import type { OncallNotification } from '../../db/schema';
import type { ContactChannel, NotificationState } from '../../db/schema/enums';

export interface NotificationDto {
  id: number;
  incidentId: number;
  serviceId: number;
  serviceName: string;
  officer: string | null;
  channel: ContactChannel;
  address: string;
  text: string;
  state: NotificationState;
  error: string | null;
  acknowledgedAt: string | null;
  /** link: the officer opened the link in the message; webhook: the partner's system; phone: recorded by an operator. */
  ackVia: 'link' | 'webhook' | 'phone' | null;
  ackNote: string | null;
  createdByName: string;
  createdAt: string;
}

export function notificationDto(n: OncallNotification): NotificationDto {
  return {
    id: n.id,
    incidentId: n.incidentId,
    serviceId: n.serviceId,
    serviceName: n.serviceName,
    officer: n.officer,
    channel: n.channel as ContactChannel,
    address: n.address,
    text: n.text,
    state: n.state,
    error: n.error,
    acknowledgedAt: n.acknowledgedAt?.toISOString() ?? null,
    ackVia: n.ackVia as NotificationDto['ackVia'],
    ackNote: n.ackNote,
    createdByName: n.createdByName,
    createdAt: n.createdAt.toISOString(),
  };
}
