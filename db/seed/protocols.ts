import type { TIncidentTypeDefinition, TNeed, TQuestion } from '../../lib/triage/schemas';

// Demo triage protocols: plausible first questions of a 112 centre, not an official protocol. A centre
// edits them (PUT /api/incident-types/{code}).

type P = 'red' | 'yellow' | 'green';
const need = (capability: string, count = 1): TNeed => ({ capability, count });

function yesNo(
  id: string,
  sl: string,
  en: string,
  yes: { priority?: P; needs?: TNeed[] } = {},
  no: { priority?: P; needs?: TNeed[] } = {},
): TQuestion {
  return {
    id,
    sl,
    en,
    answers: [
      { code: 'yes', sl: 'da', en: 'yes', ...yes },
      { code: 'no', sl: 'ne', en: 'no', ...no },
      { code: 'unknown', sl: 'ne ve', en: "doesn't know" },
    ],
  };
}

const PEOPLE_TRAPPED = yesNo('people_trapped', 'Je kdo ujet ali pogrešan?', 'Is anyone trapped or missing?', {
  priority: 'red',
  needs: [need('technical_rescue'), need('medical')],
});
const INJURED = yesNo('injured', 'Je kdo poškodovan?', 'Is anyone injured?', {
  priority: 'red',
  needs: [need('medical')],
});
const BREATHING = yesNo(
  'breathing',
  'Ali oseba normalno diha?',
  'Is the person breathing normally?',
  {},
  { priority: 'red', needs: [need('physician'), need('medical')] },
);
const CONSCIOUS = yesNo(
  'conscious',
  'Je oseba pri zavesti?',
  'Is the person conscious?',
  {},
  { priority: 'red' },
);
const DANGEROUS_GOODS = yesNo(
  'dangerous_goods',
  'So prisotne nevarne snovi (plin, kemikalije)?',
  'Are dangerous goods present (gas, chemicals)?',
  {
    priority: 'red',
    needs: [need('hazmat')],
  },
);

type Def = TIncidentTypeDefinition & { code: string };

export const PROTOCOLS: Def[] = [
  {
    code: 'fire_building',
    name: { sl: 'Požar v objektu', en: 'Building fire' },
    defaultPriority: 'red',
    agencies: ['fire', 'ems'],
    needs: [need('fire', 2), need('aerial')],
    questions: [
      PEOPLE_TRAPPED,
      INJURED,
      yesNo('spreading', 'Se ogenj širi na sosednje objekte?', 'Is the fire spreading to other buildings?', {
        needs: [need('fire', 3), need('water')],
      }),
      DANGEROUS_GOODS,
    ],
  },
  {
    code: 'fire_vehicle',
    name: { sl: 'Požar vozila', en: 'Vehicle fire' },
    defaultPriority: 'yellow',
    agencies: ['fire'],
    needs: [need('fire')],
    questions: [
      PEOPLE_TRAPPED,
      yesNo(
        'on_motorway',
        'Je vozilo na avtocesti ali v predoru?',
        'Is the vehicle on a motorway or in a tunnel?',
        { priority: 'red', needs: [need('fire', 2)] },
      ),
      DANGEROUS_GOODS,
    ],
  },
  {
    code: 'fire_forest',
    name: { sl: 'Požar v naravnem okolju', en: 'Forest or wildland fire' },
    defaultPriority: 'yellow',
    agencies: ['fire'],
    needs: [need('forest_fire'), need('water')],
    questions: [
      yesNo('near_houses', 'Ogroža ogenj hiše?', 'Are houses threatened?', {
        priority: 'red',
        needs: [need('fire', 2)],
      }),
      {
        id: 'size',
        sl: 'Kako velika je površina?',
        en: 'How large is the burning area?',
        answers: [
          { code: 'small', sl: 'manj kot igrišče', en: 'smaller than a playground', priority: 'green' },
          { code: 'medium', sl: 'kot nogometno igrišče', en: 'like a football pitch' },
          { code: 'large', sl: 'večja', en: 'larger', priority: 'red', needs: [need('forest_fire', 3)] },
        ],
      },
    ],
  },
  {
    code: 'traffic_accident',
    name: { sl: 'Prometna nesreča', en: 'Traffic accident' },
    defaultPriority: 'yellow',
    agencies: ['fire', 'ems'],
    needs: [need('medical')],
    questions: [
      PEOPLE_TRAPPED,
      INJURED,
      DANGEROUS_GOODS,
      yesNo('fire', 'Vozilo gori ali se kadi?', 'Is a vehicle burning or smoking?', {
        priority: 'red',
        needs: [need('fire')],
      }),
    ],
  },
  {
    code: 'medical',
    name: { sl: 'Nujno medicinsko stanje', en: 'Medical emergency' },
    defaultPriority: 'yellow',
    agencies: ['ems'],
    needs: [need('medical')],
    questions: [
      CONSCIOUS,
      BREATHING,
      yesNo('chest_pain', 'Ima bolečino v prsih?', 'Chest pain?', { priority: 'red' }),
      yesNo('bleeding', 'Močno krvavi?', 'Heavy bleeding?', { priority: 'red' }),
    ],
  },
  {
    code: 'cardiac_arrest',
    name: { sl: 'Zastoj srca', en: 'Cardiac arrest' },
    defaultPriority: 'red',
    agencies: ['ems', 'fire'],
    needs: [need('physician'), need('medical')],
    questions: [
      yesNo('aed', 'Je v bližini defibrilator (AED)?', 'Is a defibrillator (AED) nearby?'),
      yesNo('cpr_started', 'Ali že izvajajo oživljanje?', 'Has CPR started?'),
    ],
  },
  {
    code: 'mountain_accident',
    name: { sl: 'Nesreča v gorah', en: 'Mountain accident' },
    defaultPriority: 'yellow',
    agencies: ['mountain_rescue', 'ems'],
    needs: [need('mountain_rescue')],
    questions: [
      CONSCIOUS,
      INJURED,
      yesNo(
        'can_walk',
        'Lahko ponesrečenec hodi?',
        'Can the casualty walk?',
        { priority: 'green' },
        { priority: 'yellow', needs: [need('mountain_rescue', 2)] },
      ),
      yesNo('night_weather', 'Se bliža noč ali slabo vreme?', 'Is night or bad weather coming?', {
        priority: 'red',
      }),
    ],
  },
  {
    code: 'water_rescue',
    name: { sl: 'Reševanje iz vode', en: 'Water rescue' },
    defaultPriority: 'red',
    agencies: ['fire', 'ems'],
    needs: [need('water_rescue'), need('medical')],
    questions: [
      yesNo('in_water', 'Je oseba še v vodi?', 'Is the person still in the water?', { priority: 'red' }),
      BREATHING,
    ],
  },
  {
    code: 'cave_rescue',
    name: { sl: 'Reševanje iz jame', en: 'Cave rescue' },
    defaultPriority: 'yellow',
    agencies: ['cave_rescue', 'ems'],
    needs: [need('cave_rescue')],
    questions: [
      INJURED,
      yesNo('water_rising', 'Narašča voda v jami?', 'Is water rising in the cave?', { priority: 'red' }),
    ],
  },
  {
    code: 'technical_rescue',
    name: { sl: 'Tehnična pomoč', en: 'Technical rescue' },
    defaultPriority: 'yellow',
    agencies: ['fire'],
    needs: [need('technical_rescue')],
    questions: [PEOPLE_TRAPPED, INJURED],
  },
  {
    code: 'hazmat',
    name: { sl: 'Nesreča z nevarno snovjo', en: 'Hazardous materials' },
    defaultPriority: 'red',
    agencies: ['fire'],
    needs: [need('hazmat'), need('fire')],
    questions: [
      INJURED,
      yesNo('leaking', 'Snov izteka ali se širi oblak?', 'Is the substance leaking or a cloud spreading?', {
        needs: [need('hazmat', 2)],
      }),
    ],
  },
  {
    code: 'gas_leak',
    name: { sl: 'Uhajanje plina', en: 'Gas leak' },
    defaultPriority: 'yellow',
    agencies: ['fire'],
    needs: [need('hazmat')],
    questions: [
      yesNo('indoors', 'Ali plin uhaja v zaprtem prostoru?', 'Is the gas leaking indoors?', {
        priority: 'red',
      }),
      INJURED,
    ],
  },
  {
    code: 'flood',
    name: { sl: 'Poplava', en: 'Flood' },
    defaultPriority: 'yellow',
    agencies: ['fire', 'civil_protection'],
    needs: [need('water')],
    questions: [
      PEOPLE_TRAPPED,
      yesNo('rising', 'Voda še narašča?', 'Is the water still rising?', { priority: 'red' }),
    ],
  },
  {
    code: 'storm_damage',
    name: { sl: 'Posledice neurja', en: 'Storm damage' },
    defaultPriority: 'green',
    agencies: ['fire'],
    needs: [need('technical_rescue')],
    questions: [
      INJURED,
      yesNo('road_blocked', 'Je cesta zaprta (podrto drevo)?', 'Is a road blocked (fallen tree)?', {
        priority: 'yellow',
      }),
      yesNo('power_lines', 'So poškodovani električni vodi?', 'Are power lines down?', {
        priority: 'yellow',
      }),
    ],
  },
  {
    code: 'animal_rescue',
    name: { sl: 'Reševanje živali', en: 'Animal rescue' },
    defaultPriority: 'green',
    agencies: ['fire'],
    needs: [need('technical_rescue')],
    questions: [
      yesNo(
        'danger_people',
        'Žival ogroža ljudi ali promet?',
        'Does the animal endanger people or traffic?',
        { priority: 'yellow' },
      ),
    ],
  },
  {
    code: 'other',
    name: { sl: 'Drugo', en: 'Other' },
    defaultPriority: 'green',
    agencies: [],
    needs: [],
    questions: [INJURED],
  },
];
