// Demo knowledge base. The caller instructions follow the usual public first-aid guidance; a centre
// replaces them with its medical director's approved texts.
export const KB_ARTICLES = [
  {
    slug: 'tpo-odrasli',
    kind: 'caller_instructions' as const,
    titleSl: 'Temeljni postopki oživljanja (TPO) – navodila klicatelju',
    titleEn: 'Basic life support (CPR) – instructions to the caller',
    bodySl:
      '1. Preverite odzivnost: glasno ga pokličite in ga stresite za ramena.\n2. Odprite dihalno pot: glavo nagnite nazaj, brado dvignite.\n3. Ali diha normalno? Glejte, poslušajte in čutite največ 10 sekund.\n4. Če ne diha normalno: položite dlani na sredino prsnega koša in stiskajte 5–6 cm globoko, 100- do 120-krat na minuto. Štejte naglas z mano.\n5. Če je na voljo defibrilator (AED), naj ga nekdo prinese in vklopi ter sledi glasovnim navodilom.\n6. Ne prenehajte, dokler ne prispe ekipa NMP.',
    bodyEn:
      '1. Check response: shout and shake the shoulders.\n2. Open the airway: tilt the head back, lift the chin.\n3. Normal breathing? Look, listen and feel for no more than 10 seconds.\n4. If not breathing normally: hands in the centre of the chest, push 5–6 cm deep, 100–120 times a minute. Count aloud with me.\n5. If an AED is available, have someone bring it, switch it on and follow its voice.\n6. Do not stop until the ambulance crew arrives.',
    incidentTypes: ['cardiac_arrest', 'medical', 'water_rescue'],
  },
  {
    slug: 'zadusitev-tujek',
    kind: 'caller_instructions' as const,
    titleSl: 'Zadušitev s tujkom – navodila klicatelju',
    titleEn: 'Choking – instructions to the caller',
    bodySl:
      '1. Če lahko kašlja, naj močno kašlja.\n2. Če ne more kašljati: nagnite ga naprej in 5-krat udarite med lopatici.\n3. Nato 5 stisov trebuha (Heimlichov prijem).\n4. Izmenjujte, dokler tujek ne pride ven ali oseba ne izgubi zavesti – takrat začnite TPO.',
    bodyEn:
      '1. If they can cough, let them cough hard.\n2. If they cannot: lean them forward and give 5 back blows between the shoulder blades.\n3. Then 5 abdominal thrusts (Heimlich).\n4. Alternate until the object comes out or they become unresponsive – then start CPR.',
    incidentTypes: ['medical'],
  },
  {
    slug: 'pozar-evakuacija',
    kind: 'caller_instructions' as const,
    titleSl: 'Požar v stavbi – navodila klicatelju',
    titleEn: 'Building fire – instructions to the caller',
    bodySl:
      'Evakuacija: zapustite stavbo po najkrajši varni poti, ne uporabljajte dvigala. Zaprite vrata za seboj. Če je hodnik poln dima, ostanite v prostoru, zatesnite špranje pod vrati z mokrimi brisačami in se pokažite na oknu. Ne vračajte se po stvari. Počakajte gasilce na varni razdalji in jim povejte, ali je še kdo notri.',
    bodyEn:
      'Leave by the shortest safe way, never by lift. Close doors behind you. If the corridor is full of smoke, stay in the room, seal the gaps under the door with wet towels and show yourself at the window. Do not go back for belongings. Wait for the firefighters at a safe distance and tell them whether anyone is still inside.',
    incidentTypes: ['fire_building'],
  },
  {
    slug: 'prometna-nesreca-varnost',
    kind: 'caller_instructions' as const,
    titleSl: 'Prometna nesreča – zavarovanje kraja',
    titleEn: 'Traffic accident – securing the scene',
    bodySl:
      'Vklopite varnostne utripalke, oblecite odsevni jopič in postavite varnostni trikotnik. Izklopite motorje ponesrečenih vozil. Poškodovanih ne premikajte, razen če jim grozi neposredna nevarnost (ogenj). Na avtocesti se umaknite za varnostno ograjo.',
    bodyEn:
      'Switch on hazard lights, put on a reflective vest and set up the warning triangle. Switch off the engines of the crashed vehicles. Do not move the injured unless they are in immediate danger (fire). On a motorway, get behind the crash barrier.',
    incidentTypes: ['traffic_accident', 'fire_vehicle'],
  },
  {
    slug: 'nesreca-v-gorah',
    kind: 'procedure' as const,
    titleSl: 'Nesreča v gorah – postopek',
    titleEn: 'Mountain accident – procedure',
    bodySl:
      'Ugotovite natančno lokacijo (koordinate z GPS ali aplikacije, ime poti, koča, višina). Vprašajte za vreme, vidljivost in število oseb. Obvestite dežurnega GRS; ob hudih poškodbah predlagajte helikopter (HNMP / letalska policijska enota). Klicatelju naročite, naj ostane na kraju, varčuje z baterijo telefona in se toplo obleče.',
    bodyEn:
      'Find the exact location (GPS or app coordinates, trail name, hut, altitude). Ask about weather, visibility and the number of people. Alert the duty mountain rescue team; for severe injuries propose the helicopter (EMS helicopter / police air unit). Tell the caller to stay put, save phone battery and keep warm.',
    incidentTypes: ['mountain_accident'],
  },
  {
    slug: 'uhajanje-plina',
    kind: 'caller_instructions' as const,
    titleSl: 'Uhajanje plina – navodila klicatelju',
    titleEn: 'Gas leak – instructions to the caller',
    bodySl:
      'Ne prižigajte luči in ne uporabljajte stikal, zvoncev ali odprtega ognja. Odprite okna, zaprite glavni ventil, če je varno, in zapustite prostor. Telefon uporabljajte šele zunaj.',
    bodyEn:
      'Do not switch lights, use switches, doorbells or open flames. Open windows, close the main valve if safe, and leave. Use the phone only outside.',
    incidentTypes: ['gas_leak', 'hazmat'],
  },
  {
    slug: 'kontakti-sluzb',
    kind: 'contacts' as const,
    titleSl: 'Kontakti služb (predaja)',
    titleEn: 'Contacts of services (hand-over)',
    bodySl:
      'Policija: 113 (OKC PU). Dispečerska služba zdravstva (DSZ): Ljubljana, Maribor. Center za obveščanje RS (CORS): koordinacija ReCO. Center za zastrupitve (UKC Ljubljana). Elektro distribucija in plinovod: dežurne službe po regijah. Številke vodi nadzornik v skrbništvu.',
    bodyEn:
      'Police: 113 (police operations centre). Medical dispatch (DSZ): Ljubljana, Maribor. National notification centre (CORS): coordinates the regional centres. Poison centre (UKC Ljubljana). Power and gas distribution: regional duty services. The supervisor keeps the numbers in administration.',
    incidentTypes: [],
  },
];
