import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

// The success answer of every route, read from the handlers themselves: the TypeScript checker gives
// each handler's return type (the DTO types of lib/), and this turns it into JSON Schema. Nothing is
// written twice, so the API document cannot drift from what the code returns. `npm run docs:api`
// writes lib/http/response-schemas.json; a unit test fails when that file is behind the code.

export type JsonSchema = Record<string, unknown>;

export interface ResponseSchemas {
  /** Route id → the JSON body's schema; `raw: true` when the handler may also answer another media type. */
  routes: Record<string, { json: JsonSchema | null; raw: boolean }>;
  /** Named types (interfaces and aliases of the project), referenced as #/components/schemas/<name>. */
  schemas: Record<string, JsonSchema>;
}

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? routeFiles(join(dir, e.name)) : e.name === 'route.ts' ? [join(dir, e.name)] : [],
  );
}

export function buildResponseSchemas(root = process.cwd()): ResponseSchemas {
  const configFile = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
  const config = ts.parseJsonConfigFileContent(configFile.config, ts.sys, root);
  const files = routeFiles(join(root, 'app/api')).sort();
  const program = ts.createProgram(files, { ...config.options, noEmit: true });
  const checker = program.getTypeChecker();
  const schemas: Record<string, JsonSchema> = {};
  const routes: ResponseSchemas['routes'] = {};

  const isProjectDecl = (d: ts.Declaration | undefined) =>
    !!d && !d.getSourceFile().fileName.includes('node_modules');

  /** A name for a type worth its own schema: a project interface or type alias. */
  function nameOf(t: ts.Type): string | null {
    const alias = t.aliasSymbol;
    if (alias && isProjectDecl(alias.declarations?.[0]) && !t.aliasTypeArguments?.length) return alias.name;
    const sym = t.getSymbol();
    if (
      sym &&
      sym.flags & ts.SymbolFlags.Interface &&
      isProjectDecl(sym.declarations?.[0]) &&
      !(t as ts.TypeReference).typeArguments?.length
    )
      return sym.name;
    return null;
  }

  function toSchema(t: ts.Type, seen: Set<ts.Type> = new Set()): JsonSchema {
    if (t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
    if (t.flags & ts.TypeFlags.Null) return { type: 'null' };
    if (t.flags & ts.TypeFlags.StringLiteral)
      return { type: 'string', const: (t as ts.StringLiteralType).value };
    if (t.flags & ts.TypeFlags.NumberLiteral)
      return { type: 'number', const: (t as ts.NumberLiteralType).value };
    if (t.flags & ts.TypeFlags.BooleanLiteral)
      return { type: 'boolean', const: (t as unknown as { intrinsicName: string }).intrinsicName === 'true' };
    if (t.flags & ts.TypeFlags.String || t.flags & ts.TypeFlags.TemplateLiteral) return { type: 'string' };
    if (t.flags & (ts.TypeFlags.Number | ts.TypeFlags.BigInt)) return { type: 'number' };
    if (t.flags & ts.TypeFlags.Boolean) return { type: 'boolean' };
    if (t.isUnion()) {
      const members = t.types.filter((m) => !(m.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)));
      const strings = members.filter((m) => m.isStringLiteral()) as ts.StringLiteralType[];
      const bools = members.filter((m) => m.flags & ts.TypeFlags.BooleanLiteral);
      const rest = members.filter((m) => !m.isStringLiteral() && !(m.flags & ts.TypeFlags.BooleanLiteral));
      const parts: JsonSchema[] = [];
      if (strings.length) parts.push({ type: 'string', enum: strings.map((m) => m.value).sort() });
      if (bools.length === 2) parts.push({ type: 'boolean' });
      else if (bools.length === 1) parts.push(toSchema(bools[0] as ts.Type, seen));
      for (const m of rest) parts.push(toSchema(m, seen));
      const named = nameOf(t);
      const out = parts.length === 1 ? (parts[0] as JsonSchema) : { anyOf: parts };
      if (named && !(named in schemas)) schemas[named] = out;
      return named ? { $ref: `#/components/schemas/${named}` } : out;
    }
    if (checker.isArrayType(t)) {
      const [item] = checker.getTypeArguments(t as ts.TypeReference);
      return { type: 'array', items: item ? toSchema(item, seen) : {} };
    }
    if (checker.isTupleType(t)) {
      const items = checker.getTypeArguments(t as ts.TypeReference).map((i) => toSchema(i, seen));
      return { type: 'array', prefixItems: items, minItems: items.length, maxItems: items.length };
    }
    if (t.getSymbol()?.name === 'Date') return { type: 'string', format: 'date-time' };
    if (t.flags & (ts.TypeFlags.Object | ts.TypeFlags.Intersection)) {
      const named = nameOf(t);
      if (named) {
        if (!(named in schemas)) {
          schemas[named] = {}; // placeholder against recursion
          schemas[named] = objectSchema(t, seen);
        }
        return { $ref: `#/components/schemas/${named}` };
      }
      if (seen.has(t)) return {};
      seen.add(t);
      const out = objectSchema(t, seen);
      seen.delete(t);
      return out;
    }
    return {};
  }

  function objectSchema(t: ts.Type, seen: Set<ts.Type>): JsonSchema {
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const p of checker.getPropertiesOfType(t)) {
      if (p.name.startsWith('__')) continue;
      const decl = p.valueDeclaration ?? p.declarations?.[0];
      const pt = decl ? checker.getTypeOfSymbolAtLocation(p, decl) : checker.getTypeOfSymbol(p);
      if (pt.getCallSignatures().length) continue;
      const optional =
        (p.flags & ts.SymbolFlags.Optional) !== 0 ||
        (pt.isUnion() && pt.types.some((m) => m.flags & ts.TypeFlags.Undefined));
      properties[p.name] = toSchema(pt, seen);
      if (!optional) required.push(p.name);
    }
    const index = checker.getIndexTypeOfType(t, ts.IndexKind.String);
    return {
      type: 'object',
      properties,
      ...(required.length ? { required } : {}),
      ...(index ? { additionalProperties: toSchema(index, seen) } : {}),
    };
  }

  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) continue;
    const visit = (node: ts.Node) => {
      if (
        ts.isCallExpression(node) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'handle' &&
        node.arguments.length === 2
      ) {
        const [idArg, fnArg] = node.arguments;
        if (
          idArg &&
          fnArg &&
          ts.isStringLiteral(idArg) &&
          (ts.isArrowFunction(fnArg) || ts.isFunctionExpression(fnArg))
        ) {
          const sig = checker.getSignatureFromDeclaration(fnArg);
          const ret = sig ? checker.getAwaitedType(checker.getReturnTypeOfSignature(sig)) : undefined;
          routes[idArg.text] = ret ? answerOf(ret) : { json: null, raw: true };
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }

  /** JSON bodies (plain values or json() answers) and whether a non-JSON Response is among them. */
  function answerOf(ret: ts.Type): { json: JsonSchema | null; raw: boolean } {
    const members = ret.isUnion() ? ret.types : [ret];
    const bodies: ts.Type[] = [];
    let raw = false;
    for (const m of members) {
      if (m.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)) continue;
      const jsonProp = m.getProperty('__json');
      if (jsonProp) {
        const decl = jsonProp.valueDeclaration ?? jsonProp.declarations?.[0];
        const body = decl
          ? checker.getTypeOfSymbolAtLocation(jsonProp, decl)
          : checker.getTypeOfSymbol(jsonProp);
        bodies.push(checker.getNonNullableType(body));
      } else if (m.getSymbol()?.name === 'Response') raw = true;
      else bodies.push(m);
    }
    if (bodies.length === 0) return { json: null, raw };
    const parts = bodies.map((b) => toSchema(b));
    return { json: parts.length === 1 ? (parts[0] as JsonSchema) : { anyOf: parts }, raw };
  }

  return { routes: sortKeys(routes), schemas: sortKeys(schemas) };
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}
