import { XMLParser } from 'fast-xml-parser';

// The XML documents a call carries (PIDF-LO, RFC 7852 blocks) read as plain trees: namespace prefixes
// dropped (documents choose their own), attributes as `@_name`, every value kept as text.

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
});

export type XmlNode = Record<string, unknown>;

/** The document as a tree; throws when it is not well-formed. */
export function parseXmlTree(xml: string): unknown {
  return parser.parse(xml, true);
}

export function isNode(v: unknown): v is XmlNode {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An element that may occur once or several times, as a list. */
export function list(v: unknown): unknown[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** An element's text (its first occurrence), trimmed; '' when it has none. */
export function textOf(v: unknown): string {
  const n = Array.isArray(v) ? v[0] : v;
  if (typeof n === 'string') return n.trim();
  if (typeof n === 'number') return String(n);
  if (isNode(n) && typeof n['#text'] === 'string') return n['#text'].trim();
  return '';
}
