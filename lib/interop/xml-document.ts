import { create } from 'xmlbuilder2';

/**
 * A new XML 1.0 document for the centre's exports (CAP, EMSI, Atom). Characters XML 1.0 forbids
 * (C0 controls but tab, LF and CR; U+FFFE, U+FFFF; lone surrogates) are accepted in free text at input —
 * a caller's SMS or a pasted description may carry one — and dropped here, once for every document, so
 * no export of any incident is ever unparseable.
 */
export const xmlDocument = () => create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '' });
