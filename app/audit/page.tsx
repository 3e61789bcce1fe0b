import { Forbidden } from '../_components/Forbidden';
import { pageUser } from '../_lib/page-props';
import { requirePage } from '../_lib/session';
import { Audit } from './Audit';

export const dynamic = 'force-dynamic';

export default async function AuditPage() {
  const p = await requirePage('/audit');
  if (p.role !== 'supervisor') return <Forbidden />;
  return <Audit user={pageUser(p)} />;
}
