// Any other /api path – a JSON 404 instead of Next's HTML page
import { json } from '@/lib/http/handler';

const notFound = async () =>
  json({ error: { code: 'not_found', message: 'no such endpoint', fields: [] } }, 404);

export const GET = notFound;
export const POST = notFound;
export const PATCH = notFound;
export const PUT = notFound;
export const DELETE = notFound;
