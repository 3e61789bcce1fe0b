import { XMLParser } from 'fast-xml-parser';

// Reading XML the way a partner's system would, to check documents element by element.

export type Node = Record<string, Node[] | string> & { ':@'?: Record<string, string> };

/** Keeps document order (the standards fix the order of elements). */
export const ordered = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  parseTagValue: false,
  trimValues: true,
});

/** CAP as plain objects, with the repeatable elements as arrays. */
export const plain = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  isArray: (n) => ['info', 'category', 'parameter', 'area'].includes(n),
});

/** Element names of a node's children, in document order. */
export function childNames(children: Node[]): string[] {
  return children.map((c) => Object.keys(c).find((k) => k !== ':@') as string).filter((n) => n !== '#text');
}
export function child(children: Node[], name: string): Node[] {
  const found = children.find((c) => name in c);
  return (found?.[name] as Node[]) ?? [];
}
export function text(children: Node[], name: string): string {
  const c = child(children, name);
  return String((c[0] as Record<string, unknown> | undefined)?.['#text'] ?? '');
}

/** A CAP dateTime: seconds and an explicit offset. */
export const DATETIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/;
