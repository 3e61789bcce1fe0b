// Search text: lower case, no diacritics (č→c, š→s, ž→z, ć→c, đ→d), punctuation as spaces. Used both
// when places are imported and when a query is typed, so "crnomelj" meets "Črnomelj".
export function normaliseSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
