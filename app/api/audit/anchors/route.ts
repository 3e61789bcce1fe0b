// POST /api/audit/anchors – write the chain's head to the anchor destinations now
import { writeAnchor } from '@/lib/audit/anchor';
import { handle } from '@/lib/http/handler';

export const POST = handle('anchorAuditChain', ({ db, principal }) => writeAnchor(db, principal));
