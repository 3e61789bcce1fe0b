import { Forbidden } from '../_components/Forbidden';
import { pageUser } from '../_lib/page-props';
import { requirePage } from '../_lib/session';
import { Inbox } from './Inbox';

export const dynamic = 'force-dynamic';

export default async function InboxPage() {
  const p = await requirePage('/inbox');
  if (p.role === 'station') return <Forbidden />;
  return <Inbox user={pageUser(p)} />;
}
