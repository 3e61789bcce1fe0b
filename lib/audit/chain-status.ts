import { existsSync } from 'node:fs';
import type { Db } from '../../db/client';
import { type LogProtection, logProtection } from '../../db/roles';
import { env } from '../env';
import { type AnchorDto, anchorConfig, chainHead, listAnchors } from './anchor';
import { type Anchor, anchorsFromFile, type ChainReport, storedAnchors, verifyChain } from './chain';

export interface ChainStatus {
  /** embedded: PGlite in the server's process (docs/proof.md says what it can promise). */
  database: 'postgresql' | 'embedded';
  protection: LogProtection | null;
  head: { seq: number; hash: string } | null;
  anchors: AnchorDto[];
  destinations: { file: string | null; email: string | null };
  intervalMin: number;
}

export async function chainStatus(db: Db, embedded: boolean): Promise<ChainStatus> {
  const cfg = anchorConfig();
  return {
    database: embedded ? 'embedded' : 'postgresql',
    protection: embedded ? null : await logProtection(db),
    head: await chainHead(db),
    anchors: await listAnchors(db),
    destinations: { file: cfg.file ?? null, email: cfg.email ?? null },
    intervalMin: env().AUDIT_ANCHOR_INTERVAL_MIN,
  };
}

/**
 * Every anchor to check the log against: the database's, and those of the given anchor files (by
 * default the configured AUDIT_ANCHOR_FILE, when this node can read it).
 */
export async function anchorsToCheck(
  db: Db,
  files: string[] = defaultAnchorFiles(),
): Promise<{ anchors: Anchor[]; files: string[] }> {
  return { anchors: [...(await storedAnchors(db)), ...files.flatMap(anchorsFromFile)], files };
}

function defaultAnchorFiles(): string[] {
  const file = anchorConfig().file;
  return file && existsSync(file) ? [file] : [];
}

/** The whole chain against every anchor this node can read: the database's and the anchor file's. */
export async function verifyWithAnchors(db: Db): Promise<ChainReport & { anchorFile: string | null }> {
  const { anchors, files } = await anchorsToCheck(db);
  return { ...(await verifyChain(db, { anchors })), anchorFile: files[0] ?? null };
}
