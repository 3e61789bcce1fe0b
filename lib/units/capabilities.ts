// What units can do, as the recommendations and the incident types' needs name it, with their names in
// both languages. A capability the list does not know (an administrator's own) shows as written.

export const CAPABILITY_LABELS: Record<string, { sl: string; en: string }> = {
  fire: { sl: 'gašenje', en: 'firefighting' },
  water: { sl: 'voda', en: 'water supply' },
  crew: { sl: 'moštvo', en: 'crew' },
  aerial: { sl: 'avtolestev', en: 'aerial ladder' },
  technical_rescue: { sl: 'tehnično reševanje', en: 'technical rescue' },
  hazmat: { sl: 'nevarne snovi', en: 'hazardous materials' },
  command: { sl: 'poveljevanje', en: 'command' },
  forest_fire: { sl: 'gozdni požari', en: 'forest fires' },
  medical: { sl: 'nujna medicinska pomoč', en: 'emergency medical care' },
  transport: { sl: 'prevoz pacienta', en: 'patient transport' },
  physician: { sl: 'zdravnik', en: 'physician' },
  mountain_rescue: { sl: 'gorsko reševanje', en: 'mountain rescue' },
  rope: { sl: 'vrvna tehnika', en: 'rope rescue' },
  cave_rescue: { sl: 'jamarsko reševanje', en: 'cave rescue' },
  water_rescue: { sl: 'reševanje iz vode', en: 'water rescue' },
  diving: { sl: 'potapljanje', en: 'diving' },
  helicopter: { sl: 'helikopter', en: 'helicopter' },
};

export function capabilityLabel(code: string, lang: 'sl' | 'en'): string {
  return CAPABILITY_LABELS[code]?.[lang] ?? code.replaceAll('_', ' ');
}
