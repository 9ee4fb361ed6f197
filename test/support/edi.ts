/** Helpers the EDI integration tests share: fixtures, an SFTP partner folder of its own, and raw X12 calls. */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { stackSftpConfig } from '../../connectors/edi-sftp/test-server';
import type { EdiSftpConfig } from '../../connectors/edi-sftp/config-schema';
import { withSftp } from '../../connectors/edi-sftp/transport';
import type { TradingPartnerInput } from '../../platform/edi/partner-store';
import { adminHeaders, ROOT } from './processes';

/** The bytes of a fixture in connectors/edi-x12/fixtures/. */
export function ediFixture(name: string): Buffer {
  return readFileSync(path.join(ROOT, 'connectors/edi-x12/fixtures', name));
}

/** A run's own folders on the stack's SFTP server: inbound, outbound, archive and error. */
export interface SftpFolders {
  config: EdiSftpConfig;
  /** Lists a folder's file names. */
  names(dir: string): Promise<string[]>;
  /** Puts a file where the partner drops it (the hub's inbound folder). */
  drop(name: string, content: Buffer): Promise<void>;
  read(file: string): Promise<Buffer>;
}

/** Makes the folders for one test file. */
export async function sftpFolders(): Promise<SftpFolders> {
  const server = stackSftpConfig();
  const run = `edi-${randomBytes(5).toString('hex')}`;
  const config: EdiSftpConfig = {
    ...server,
    inboundDir: `inbound/${run}`,
    outboundDir: `outbound/${run}`,
    archiveDir: `inbound/${run}/archive`,
    errorDir: `inbound/${run}/error`,
  };
  await withSftp(server, async (s) => {
    await s.mkdir(config.inboundDir);
    await s.mkdir(config.outboundDir);
    await s.mkdir(config.archiveDir!);
    await s.mkdir(config.errorDir!);
  });
  return {
    config,
    names: (dir) =>
      withSftp(server, async (s) =>
        (await s.list(dir))
          .filter((e) => e.isFile)
          .map((e) => e.name)
          .sort(),
      ),
    drop: (name, content) =>
      withSftp(server, async (s) => {
        await s.writeFile(`${config.inboundDir}/.${name}.part`, content);
        await s.rename(`${config.inboundDir}/.${name}.part`, `${config.inboundDir}/${name}`);
      }),
    read: (file) => withSftp(server, (s) => s.readFile(file)),
  };
}

/** POSTs raw X12 to the API and reads the JSON answer. */
export async function postInterchange(
  baseUrl: string,
  connectorId: string,
  body: Buffer,
  contentType = 'application/edi-x12',
): Promise<{ status: number; body: Record<string, unknown> & { sets?: Record<string, unknown>[] } }> {
  const res = await fetch(`${baseUrl}/v1/edi/${connectorId}/interchanges`, {
    method: 'POST',
    headers: adminHeaders({ 'content-type': contentType }),
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A realistic customer profile; tests change what they need. */
export function partnerInput(overrides: Partial<TradingPartnerInput> = {}): TradingPartnerInput {
  return {
    connectorId: 'con_edi',
    name: 'Grocer One',
    legalEntityId: 'le-us',
    role: 'customer',
    partyId: 'cust-grocer-one',
    partner: { isa: { qualifier: 'ZZ', id: 'GROCERONE' }, gsId: 'GROCERONE' },
    us: { isa: { qualifier: 'ZZ', id: 'DISTHUB' }, gsId: 'DISTHUB' },
    interchangeVersion: '00401',
    groupVersion: '004010',
    delimiters: { element: '*', component: '>', segment: '~', suffix: '\n' },
    acknowledgement: { type: '997', ta1: 'on-request', setResponses: 'all', expectedWithinMinutes: 60 },
    usage: 'P',
    timeZone: 'America/Chicago',
    productIdQualifiers: ['UP', 'VN'],
    sets: [
      { set: '850', direction: 'inbound' },
      { set: '855', direction: 'outbound' },
    ],
    ...overrides,
  };
}

/** A trading partner profile body for the API (the HUBTEST → DISTRIB fixtures' partner); tests override what they need. */
export function partnerBody(
  connectorId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const profile = partnerInput({
    connectorId,
    name: 'Hub Test Retail',
    partyId: 'cust-hubtest',
    partner: { isa: { qualifier: 'ZZ', id: 'HUBTEST' }, gsId: 'HUBTEST' },
    us: { isa: { qualifier: 'ZZ', id: 'DISTRIB' }, gsId: 'DISTRIB' },
    acknowledgement: { type: '997', ta1: 'on-request', setResponses: 'all', expectedWithinMinutes: 120 },
    sets: [
      { set: '850', direction: 'inbound' },
      { set: '856', direction: 'inbound' },
      { set: '855', direction: 'outbound' },
      { set: '997', direction: 'inbound' },
    ],
  });
  return { ...profile, ...overrides };
}
