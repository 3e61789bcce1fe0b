// GET /api/oncall/services – the on-call directory; POST – create or change a service
import { handle } from '@/lib/http/handler';
import { saveService } from '@/lib/oncall/save-service';
import { selectServices } from '@/lib/oncall/service-dto';

export const GET = handle('oncallServices', async ({ db }) => selectServices(db));

export const POST = handle('saveOncallService', async ({ db, principal, body }) =>
  saveService(db, principal, body),
);
