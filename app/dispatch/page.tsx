import { asc } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { agencies } from '@/db/schema';
import { Forbidden } from '../_components/Forbidden';
import { mapConfig, pageUser } from '../_lib/page-props';
import { requirePage } from '../_lib/session';
import { Dispatcher } from './Dispatcher';
import type { AgencyLimits } from './UnitsBoard';

export const dynamic = 'force-dynamic';

export default async function DispatchPage() {
  const p = await requirePage('/dispatch');
  if (p.role !== 'dispatcher' && p.role !== 'supervisor') return <Forbidden />;
  // The agencies' time limits for the units board's alarm (en route, on scene).
  const rows = await getDb().select().from(agencies).orderBy(asc(agencies.code));
  const limits: AgencyLimits[] = rows.map((a) => ({
    code: a.code,
    name: { sl: a.nameSl, en: a.nameEn },
    enRouteMin: a.enRouteLimitMin,
    onSceneMin: a.onSceneLimitMin,
  }));
  return <Dispatcher user={pageUser(p)} map={mapConfig()} limits={limits} />;
}
