import SwaggerParser from '@apidevtools/swagger-parser';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { describe, expect, it } from 'vitest';
import { buildResponseSchemas } from '../../lib/http/api-schemas';
import { openApiDocument } from '../../lib/http/openapi';
import committed from '../../lib/http/response-schemas.json';
import { ROUTES, type RouteSpec } from '../../lib/http/routes';

// The API document checked by tools that are not ours: an OpenAPI 3.1 validator (swagger-parser,
// against the specification's schema) and a linter (Redocly's recommended rules); and the success
// schemas in it are what the handlers return (read from their types, never written by hand).

const copy = () => JSON.parse(JSON.stringify(openApiDocument()));

describe('OpenAPI document', () => {
  it('lib/http/response-schemas.json is what the handlers return (npm run docs:api rewrites it)', () => {
    expect(buildResponseSchemas()).toEqual(committed);
  }, 60_000);

  it('is a valid OpenAPI 3.1 document (swagger-parser); a broken one is not', async () => {
    await expect(SwaggerParser.validate(copy())).resolves.toBeTruthy();
    const broken = copy();
    broken.paths['/api/health'].get.responses = 'none';
    await expect(SwaggerParser.validate(broken)).rejects.toThrow();
  });

  it("passes Redocly's recommended lint rules without an error or a warning", async () => {
    // The project publishes no licence yet: that one rule is off, with this reason.
    const config = await createConfig({ extends: ['recommended'], rules: { 'info-license': 'off' } });
    const problems = await lintFromString({
      source: JSON.stringify(openApiDocument()),
      absoluteRef: '/api/openapi.json',
      config,
    });
    expect(
      problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} ${p.location[0]?.pointer ?? ''}`),
    ).toEqual([]);
  });

  it('every operation documents its success answer with its real media types', () => {
    const doc = openApiDocument() as {
      paths: Record<
        string,
        Record<
          string,
          {
            responses: Record<string, { content?: Record<string, unknown> }>;
            requestBody?: { content: Record<string, unknown> };
          }
        >
      >;
    };
    for (const [id, spec] of Object.entries(ROUTES) as [string, RouteSpec][]) {
      const op = doc.paths[spec.path]?.[spec.method.toLowerCase()];
      const ok = op?.responses[String(spec.status ?? 200)];
      expect(Object.keys(ok?.content ?? {}), id).not.toHaveLength(0);
      for (const type of spec.produces ?? []) expect(Object.keys(ok?.content ?? {}), id).toContain(type);
      if (spec.raw) expect(spec.accepts?.length, `${id} names the media types it reads`).toBeGreaterThan(0);
    }
    const media = (path: string, method = 'get') =>
      Object.keys(doc.paths[path]?.[method]?.responses['200']?.content ?? {});
    expect(media('/api/incidents/{id}/cap')).toEqual(['application/cap+xml']);
    expect(media('/api/cap/feed')).toEqual(['application/atom+xml']);
    expect(media('/api/incidents.geojson')).toEqual(['application/geo+json']);
    expect(media('/api/incidents/{id}/emsi')).toEqual(['application/xml']);
    expect(Object.keys(doc.paths['/api/emsi']?.post?.requestBody?.content ?? {})).toEqual([
      'application/xml',
    ]);
    expect(Object.keys(doc.paths['/api/aml']?.post?.requestBody?.content ?? {})).toContain('text/plain');
  });
});
