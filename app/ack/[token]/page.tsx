import { getDb } from '@/db/client';
import { notificationForToken } from '@/lib/oncall/notify-service';
import { AckButton } from './AckButton';

export const dynamic = 'force-dynamic';

// The page an on-call officer's link opens: the message they received and one button to acknowledge.
// No sign-in: the token in the link is the proof (only its hash is stored).
export default async function AckPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const n = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? await notificationForToken(getDb(), token) : null;
  return (
    <main className="ack-page">
      <AckButton
        token={token}
        found={n !== null}
        text={n?.text.replace(/\s*Potrdite prejem: \S+$/, '') ?? ''}
        serviceName={n?.serviceName ?? ''}
        acknowledgedAt={n?.acknowledgedAt ?? null}
      />
    </main>
  );
}
