import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const SCHEMAS = {
  cap: join(__dirname, '../fixtures/standards/CAP-v1.2.xsd'),
  emsi: join(__dirname, '../fixtures/standards/EMSI-TSO2.xsd'),
};

/** Validates a document with libxml2's XML Schema validator (xmllint); the errors as it prints them. */
export async function validateXml(xml: string, schema: string): Promise<{ valid: boolean; errors: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'xsd-'));
  const file = join(dir, 'doc.xml');
  try {
    await writeFile(file, xml);
    await run('xmllint', ['--noout', '--nonet', '--schema', schema, file]);
    return { valid: true, errors: '' };
  } catch (err) {
    return { valid: false, errors: String((err as { stderr?: string }).stderr ?? err) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
