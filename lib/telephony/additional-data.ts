import { isNode, list, parseXmlTree, textOf, type XmlNode } from './xml-tree';

// RFC 7852 additional data that NG112 sends with a call (by value in the body, or by reference in
// Call-Info): who provides the caller's service, what kind of service and device, who the subscriber is
// and which language they prefer. Each block is read on its own; one that does not read is skipped.

export interface AdditionalData {
  provider?: {
    name?: string;
    id?: string;
    type?: string;
    contact?: string;
    language?: string;
  };
  service?: { environment?: string; types?: string[]; mobility?: string };
  device?: { classification?: string; manufacturer?: string; model?: string; id?: string };
  subscriber?: { name?: string; languages?: string[]; privacyRequested?: boolean };
  comment?: string;
  /** Blocks that came only by reference (Call-Info https URLs), not fetched. */
  references?: { purpose: string; uri: string }[];
}

type Node = XmlNode;

/** Reads one block; `into` gets what the block says. false: not an RFC 7852 block that reads. */
export function readAdditionalBlock(xml: string, into: AdditionalData): boolean {
  let doc: Node;
  try {
    doc = parseXmlTree(xml) as Node;
  } catch {
    return false;
  }
  const [root, body] = Object.entries(doc).find(([k]) => k.startsWith('EmergencyCallData.')) ?? [];
  if (!root || !isNode(body)) return false;
  const s = (k: string) => text(body[k]);
  switch (root) {
    case 'EmergencyCallData.ProviderInfo':
      into.provider = clean({
        name: s('DataProviderString'),
        id: s('ProviderID'),
        type: s('TypeOfProvider'),
        contact: s('ContactURI'),
        language: s('Language'),
      });
      return true;
    case 'EmergencyCallData.ServiceInfo':
      into.service = clean({
        environment: s('ServiceEnvironment'),
        types: list(body.ServiceType)
          .map(text)
          .filter((x): x is string => !!x),
        mobility: s('ServiceMobility'),
      });
      return true;
    case 'EmergencyCallData.DeviceInfo':
      into.device = clean({
        classification: s('DeviceClassification'),
        manufacturer: s('DeviceMfgr'),
        model: s('DeviceModelNr'),
        id: s('UniqueDeviceID'),
      });
      return true;
    case 'EmergencyCallData.SubscriberInfo': {
      const vcard = findVcard(body);
      const languages = vcard
        ? list(vcard.lang)
            .map((l) => (isNode(l) ? { tag: text(l['language-tag']), pref: prefOf(l) } : null))
            .filter((l): l is { tag: string; pref: number } => !!l?.tag)
            .sort((a, b) => a.pref - b.pref)
            .map((l) => l.tag)
        : [];
      into.subscriber = clean({
        name: vcard ? text(isNode(vcard.fn) ? vcard.fn.text : vcard.fn) : undefined,
        languages,
        privacyRequested: body['@_privacyRequested'] === 'true' ? true : undefined,
      });
      return true;
    }
    case 'EmergencyCallData.Comment':
      into.comment = list(body.Comment).map(text).filter(Boolean).join('\n').slice(0, 1000) || undefined;
      return true;
    default:
      return false;
  }
}

/** The caller's preferred language: the subscriber's first, else the first of Accept-Language. */
export function preferredLanguage(data: AdditionalData, acceptLanguage: string | null): string | null {
  const tag = data.subscriber?.languages?.[0] ?? acceptLanguage?.split(',')[0]?.split(';')[0]?.trim();
  return tag && /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(tag) ? tag.toLowerCase() : null;
}

function findVcard(body: Node): Node | null {
  const data = body.SubscriberData;
  const vcards = isNode(data) ? data.vcards : undefined;
  const v = isNode(vcards) ? list(vcards.vcard)[0] : undefined;
  return isNode(v) ? v : null;
}

function prefOf(l: Node): number {
  const params = l.parameters;
  const pref = isNode(params) && isNode(params.pref) ? Number(text(params.pref.integer)) : Number.NaN;
  return Number.isFinite(pref) ? pref : 100;
}

function clean<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o))
    if (o[k] === undefined || (Array.isArray(o[k]) && (o[k] as unknown[]).length === 0)) delete o[k];
  return o;
}

function text(v: unknown): string | undefined {
  return textOf(v).slice(0, 300) || undefined;
}
