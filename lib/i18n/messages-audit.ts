// Labels for the event log's protection (issue 18): the hash chain, its anchors and the verifier.

export const auditSl = {
  chainTitle: 'Celovitost revizijske sledi',
  chainProtected:
    'Strežnik dela z vlogo {role}, ki zapise v dnevnik lahko samo dodaja: ne more jih spremeniti, izbrisati ali izklopiti zaščite.',
  chainUnprotected:
    'Opozorilo: vloga strežnika {role} bi lahko spreminjala dnevnik ({why}). Zaženite strežnik z ločeno vlogo, ki sme samo dodajati (navodila, Produkcija).',
  chainWhySuperuser: 'skrbnik zbirke',
  chainWhyOwner: 'lastnik tabele',
  chainWhyRewrite: 'sme popravljati ali brisati',
  chainEmbedded:
    'Vgrajena zbirka: vsak zapis je vezan na prejšnjega, zato se sprememba zazna, ločenih vlog pa ni; kdor lahko piše v mapo zbirke, lahko dnevnik prepiše.',
  chainHead: 'Zadnji zapis',
  chainHash: 'prstni odtis',
  chainNoEvents: 'Dnevnik je prazen.',
  chainAnchorsTo: 'Sidra (prstni odtis zadnjega zapisa) se zapisujejo izven zbirke',
  chainEvery: 'vsakih {min} min',
  chainOnlyByHand: 'samo na zahtevo',
  chainNoDestination:
    'Cilj za sidra ni nastavljen (AUDIT_ANCHOR_FILE ali AUDIT_ANCHOR_EMAIL): prepisa celotnega dnevnika z novimi odtisi ni mogoče dokazati.',
  chainDestFile: 'datoteka',
  chainDestEmail: 'e-pošta',
  chainLastAnchor: 'Zadnje sidro',
  chainNoAnchor: 'Sidra še ni.',
  chainVerify: 'Preveri verigo',
  chainVerifying: 'Preverjam …',
  chainAnchorNow: 'Zapiši sidro zdaj',
  chainAnchored: 'Sidro zapisano: zapis #{seq}.',
  chainIntact: 'Veriga je neprekinjena: preverjenih zapisov {rows}, ujemajočih se sider {anchors} ({s} s).',
  chainIntactNoAnchors:
    'Veriga je neprekinjena: preverjenih zapisov {rows} ({s} s). Sider za primerjavo še ni.',
  chainBroken: 'Veriga je prekinjena pri zapisu #{seq}: {reason}. Vseh prekinitev: {breaks}.',
  chainReasonContent:
    'vsebina ali predhodni zapis ne ustreza zapisanemu odtisu (zapis je bil spremenjen ali je bil zapis pred njim odstranjen)',
  chainReasonMissing: 'zapis nima odtisa',
  chainAnchorMismatch: 'Sidro iz {source} za zapis #{seq} ({at}) se ne ujema: {found}.',
  chainAnchorMissingRow: 'tega zapisa ni več',
  chainAnchorOtherHash: 'dnevnik ima drug odtis',
  chainSourceDatabase: 'zbirke',
  anchorOk: 'zapisano',
  anchorFailed: 'ni uspelo',
} as const;

export const auditEn: Record<keyof typeof auditSl, string> = {
  chainTitle: 'Integrity of the audit trail',
  chainProtected:
    'The server works as role {role}, which can only add entries to the log: it cannot change or delete them or switch the protection off.',
  chainUnprotected:
    "Warning: the server's role {role} could alter the log ({why}). Run the server as a separate role that may only append (README, Production).",
  chainWhySuperuser: 'database superuser',
  chainWhyOwner: 'owner of the table',
  chainWhyRewrite: 'may update or delete',
  chainEmbedded:
    "Embedded database: every entry is tied to the one before, so a change is detected, but there are no separate roles; whoever can write the database's folder can rewrite the log.",
  chainHead: 'Newest entry',
  chainHash: 'fingerprint',
  chainNoEvents: 'The log is empty.',
  chainAnchorsTo: "Anchors (the newest entry's fingerprint) are written outside the database",
  chainEvery: 'every {min} min',
  chainOnlyByHand: 'only on request',
  chainNoDestination:
    'No anchor destination is set (AUDIT_ANCHOR_FILE or AUDIT_ANCHOR_EMAIL): a rewrite of the whole log with new fingerprints could not be proven.',
  chainDestFile: 'file',
  chainDestEmail: 'e-mail',
  chainLastAnchor: 'Last anchor',
  chainNoAnchor: 'No anchor yet.',
  chainVerify: 'Verify the chain',
  chainVerifying: 'Verifying …',
  chainAnchorNow: 'Write an anchor now',
  chainAnchored: 'Anchor written: entry #{seq}.',
  chainIntact: 'The chain is unbroken: {rows} entries checked, {anchors} anchors match ({s} s).',
  chainIntactNoAnchors: 'The chain is unbroken: {rows} entries checked ({s} s). No anchors to compare yet.',
  chainBroken: 'The chain is broken at entry #{seq}: {reason}. Broken links in all: {breaks}.',
  chainReasonContent:
    'its content or the entry before it does not match the recorded fingerprint (the entry was changed, or an entry before it was removed)',
  chainReasonMissing: 'the entry has no fingerprint',
  chainAnchorMismatch: 'The anchor from {source} for entry #{seq} ({at}) does not match: {found}.',
  chainAnchorMissingRow: 'the entry no longer exists',
  chainAnchorOtherHash: 'the log holds another fingerprint',
  chainSourceDatabase: 'the database',
  anchorOk: 'written',
  anchorFailed: 'failed',
};
