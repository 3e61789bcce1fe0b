import { z } from 'zod';
import { PROTOCOL_VERSION } from '../realtime/event-types';
import { ROUTES, type RouteSpec } from './routes';

const ZError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ field: z.string(), message: z.string() })),
  }),
});

// Built from the route table: one source for the handlers, the authorisation and the document.
export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [id, spec] of Object.entries(ROUTES) as [string, RouteSpec][]) {
    const params = [...spec.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema:
        m[1] === 'code'
          ? { type: 'string', pattern: '^[a-z][a-z0-9_]{1,63}$' }
          : { type: 'integer', minimum: 1 },
    }));
    const query = spec.query ? queryParams(spec.query) : [];
    const headers = spec.idempotent
      ? [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            schema: { type: 'string', maxLength: 200 },
          },
        ]
      : [];
    const operation: Record<string, unknown> = {
      operationId: id,
      summary: spec.summary,
      'x-roles': spec.access,
      parameters: [...params, ...query, ...headers],
      responses: {
        [String(spec.status ?? 200)]: { description: 'OK', content: { 'application/json': { schema: {} } } },
        '4XX': {
          description: 'Bad request, not authenticated, forbidden, not found or conflict',
          content: { 'application/json': { schema: z.toJSONSchema(ZError) } },
        },
        '503': { description: 'Database unavailable; retry after the Retry-After header' },
      },
      ...(spec.access === 'public' ? { security: [] } : {}),
    };
    if (spec.raw)
      operation.requestBody = {
        required: true,
        content: {
          'text/plain': { schema: { type: 'string' } },
          'application/x-www-form-urlencoded': {
            schema: { type: 'object', additionalProperties: { type: 'string' } },
          },
        },
      };
    if (spec.body)
      operation.requestBody = {
        required: true,
        content: {
          'application/json': { schema: z.toJSONSchema(spec.body, { io: 'input', unrepresentable: 'any' }) },
        },
      };
    paths[spec.path] = { ...paths[spec.path], [spec.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: '112 CAD API',
      version: '0.1.0',
      description: `HTTP API of the 112 computer-aided dispatch system. Realtime: WebSocket /ws, protocol version ${PROTOCOL_VERSION} (docs/realtime-protocol.md).`,
    },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'cad112_session' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
    },
    security: [{ session: [] }, { bearer: [] }],
    paths,
  };
}

function queryParams(schema: z.ZodType) {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, unknown>;
  };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: 'query',
    required: false,
    schema: s,
  }));
}
