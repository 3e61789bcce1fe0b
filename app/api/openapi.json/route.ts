// GET /api/openapi.json – the OpenAPI 3.1 document, generated from the route table's zod schemas
import { handle } from '@/lib/http/handler';
import { openApiDocument } from '@/lib/http/openapi';

export const GET = handle('openapi', async () => openApiDocument());
