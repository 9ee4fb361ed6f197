/** Keeping an interchange we send: its bytes in the raw store and its record, before it is delivered. */
import type { TradingPartnerProfile } from '../../connectors/edi-x12/partner';
import type { EdiDeps } from './deps';
import type { InterchangeRecord } from './interchange-store';

/** What is known of an outbound interchange besides the partner and its bytes. */
export interface OutboundFacts {
  controlNumber: string;
  setIds: string[];
  fileName?: string;
  /** The inbound interchange this one acknowledges. */
  acknowledgementOf?: string;
  correlationId?: string;
}

/** Stores the bytes and records the interchange as `queued`; delivery marks it `sent`. */
export async function keepOutbound(
  deps: Pick<EdiDeps, 'raw' | 'interchanges' | 'metrics'>,
  partner: TradingPartnerProfile,
  bytes: Buffer,
  facts: OutboundFacts,
): Promise<InterchangeRecord> {
  const raw = await deps.raw.put(bytes, {
    connectorId: partner.connectorId,
    direction: 'outbound',
    ...(facts.fileName ? { fileName: facts.fileName } : {}),
    contentType: 'application/edi-x12',
  });
  deps.metrics.ediBytes.inc({ direction: 'outbound' }, raw.length);
  return deps.interchanges.create({
    connectorId: partner.connectorId,
    partnerId: partner.id,
    direction: 'outbound',
    transport: 'api',
    ...(facts.fileName ? { fileName: facts.fileName } : {}),
    rawFileId: raw.id,
    byteCount: raw.length,
    sha256: raw.sha256,
    controlNumber: facts.controlNumber,
    sender: partner.us.isa,
    receiver: partner.partner.isa,
    usage: partner.usage,
    status: 'queued',
    setIds: facts.setIds,
    ...(facts.acknowledgementOf ? { acknowledgementOf: facts.acknowledgementOf } : {}),
    ...(facts.correlationId ? { correlationId: facts.correlationId } : {}),
  });
}
