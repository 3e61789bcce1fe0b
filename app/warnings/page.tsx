import { Forbidden } from '../_components/Forbidden';
import { mapConfig, pageUser } from '../_lib/page-props';
import { requirePage } from '../_lib/session';
import { Warnings } from './Warnings';

export const dynamic = 'force-dynamic';

export default async function WarningsPage() {
  const p = await requirePage('/warnings');
  if (p.role !== 'supervisor') return <Forbidden />;
  return <Warnings user={pageUser(p)} map={mapConfig()} />;
}
