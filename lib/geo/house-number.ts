// A search that named a house number, and whether a place found carries it: an address search that
// matched only the street or the settlement must say so before the call-taker uses it.

/** The house number typed in a search (the first number after a word: "Cankarjeva 12a"). */
export function typedHouseNumber(q: string): string | null {
  const m = /\p{L}[\p{L}.\s-]*\s(\d+\s?[a-z]?)\b/iu.exec(q);
  return m?.[1] ? m[1].replace(/\s/g, '').toLowerCase() : null;
}

/** Whether a result carries the house number that was typed (a settlement or another number does not). */
export function matchesHouseNumber(
  label: string,
  kind: 'settlement' | 'address',
  number: string | null,
): boolean {
  if (number === null) return true;
  if (kind !== 'address') return false;
  return label
    .toLowerCase()
    .replace(/(\d)\s+([a-z])\b/g, '$1$2')
    .split(/[^0-9a-z]+/)
    .includes(number);
}
