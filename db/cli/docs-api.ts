// npm run docs:api – writes lib/http/response-schemas.json: each route's success answer, read from its
// handler's return type (lib/http/api-schemas.ts). The API document (/api/openapi.json) is built from it.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { buildResponseSchemas } from '../../lib/http/api-schemas';

const file = 'lib/http/response-schemas.json';
const built = buildResponseSchemas();
writeFileSync(file, `${JSON.stringify(built, null, 2)}\n`);
execFileSync('node_modules/.bin/biome', ['format', '--write', file]);
console.log(
  `${file}: ${Object.keys(built.routes).length} routes, ${Object.keys(built.schemas).length} named schemas`,
);
