// GET /api/audit/chain/verify – walk the hash chain and check the anchors
import { verifyWithAnchors } from '@/lib/audit/chain-status';
import { handle } from '@/lib/http/handler';

export const GET = handle('verifyAuditChain', ({ db }) => verifyWithAnchors(db));
