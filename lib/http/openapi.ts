import { z } from 'zod';
import { PROTOCOL_VERSION } from '../realtime/event-types';
import type { ResponseSchemas } from './api-schemas';
import RESPONSES from './response-schemas.json';
import { ROUTES, type RouteSpec } from './routes';

const responses = RESPONSES as ResponseSchemas;

/** The success answer's media types and schemas: the handler's JSON body, and the other formats it writes. */
function successContent(id: string, spec: RouteSpec): Record<string, { schema: unknown }> {
  const body = responses.routes[id]?.json ?? null;
  const produces = spec.produces ?? [];
  const content: Record<string, { schema: unknown }> = {};
  // GeoJSON is JSON under its own media type; other formats are text the document describes as such.
  const jsonType = produces.includes('application/geo+json') ? 'application/geo+json' : 'application/json';
  if (body) content[jsonType] = { schema: body };
  for (const type of produces) if (!(type in content)) content[type] = { schema: { type: 'string' } };
  return content;
}

/** What a raw request body may be, by media type. */
function rawRequestContent(accepts: readonly string[]): Record<string, { schema: unknown }> {
  return Object.fromEntries(
    accepts.map((type) => [
      type,
      {
        schema:
          type === 'application/x-www-form-urlencoded'
            ? { type: 'object', additionalProperties: { type: 'string' } }
            : type === 'application/json'
              ? { type: 'object' }
              : type === 'application/octet-stream' || type.endsWith('.MSD')
                ? { type: 'string', contentEncoding: 'binary' }
                : { type: 'string' },
      },
    ]),
  );
}

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
          : { type: 'integer', minimum: 1, maximum: 2_147_483_647 },
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
        [String(spec.status ?? 200)]: { description: 'OK', content: successContent(id, spec) },
        '4XX': {
          description: 'Bad request, not authenticated, forbidden, not found or conflict',
          content: { 'application/json': { schema: z.toJSONSchema(ZError) } },
        },
        '503': { description: 'Database unavailable; retry after the Retry-After header' },
      },
      ...(spec.access === 'public' ? { security: [] } : {}),
    };
    if (spec.raw)
      operation.requestBody = { required: true, content: rawRequestContent(spec.accepts ?? ['text/plain']) };
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
    servers: [{ url: '/', description: "the centre's own server (same origin)" }],
    components: {
      schemas: responses.schemas,
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
