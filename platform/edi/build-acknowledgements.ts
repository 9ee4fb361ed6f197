/**
 * The acknowledgements a received file is owed, as one outbound file: per interchange, a TA1 when ISA14 asks for
 * one, when the profile says always, or when the envelope itself is broken; and a 997 (or 999, per the profile)
 * for every functional group except groups of acknowledgements (a 997 is never acknowledged). Control numbers
 * come from the partner's persisted sequences; the file's bytes are kept like any other interchange.
 */
import type { TradingPartnerProfile } from '../../connectors/edi-x12/partner';
import { envelope } from '../../connectors/edi-x12/writer/index';
import type { OutboundGroup } from '../../connectors/edi-x12/writer/index';
import { build997 } from '../../connectors/edi-x12/x12/build-997';
import { build999 } from '../../connectors/edi-x12/x12/build-999';
import { buildTa1 } from '../../connectors/edi-x12/x12/build-ta1';
import type { InterchangeOutcome } from '../../connectors/edi-x12/x12/outcome-types';
import type { OutSegment } from '../../connectors/edi-x12/x12/types';
import type { EdiDeps } from './deps';
import { keepOutbound } from './keep-outbound';

/** The acknowledgement file produced for a received file. */
export interface AcknowledgementFile {
  interchangeId: string;
  setIds: string[];
  content: string;
}

/** True when this interchange gets a TA1. */
export function wantsTa1(outcome: InterchangeOutcome, partner: TradingPartnerProfile): boolean {
  return (
    outcome.duplicate ||
    outcome.ta1.status !== 'A' ||
    outcome.header?.ackRequested === true ||
    partner.acknowledgement.ta1 === 'always'
  );
}

/** Strips ST and SE from an acknowledgement body: the enveloper writes them with the reserved ST02. */
function innerBody(body: OutSegment[]): OutSegment[] {
  return body.filter((s) => s.id !== 'ST' && s.id !== 'SE');
}

/** Builds, keeps and records the acknowledgements of `outcomes`; undefined when nothing is owed. */
export async function buildAcknowledgements(
  deps: EdiDeps,
  partner: TradingPartnerProfile,
  outcomes: InterchangeOutcome[],
  inboundInterchangeId: string,
): Promise<AcknowledgementFile | undefined> {
  const now = deps.now?.() ?? new Date();
  const texts: string[] = [];
  const setIds = new Set<string>();
  const controlNumbers: string[] = [];
  for (const outcome of outcomes) {
    if (!outcome.header) continue;
    const groups = outcome.duplicate ? [] : outcome.groups.filter((g) => g.header.functionalId !== 'FA');
    const ta1 = wantsTa1(outcome, partner) ? buildTa1(outcome.ta1, now) : undefined;
    if (!ta1 && !groups.length) continue;
    const [isa] = await deps.controlNumbers.reserve(partner.id, 'interchange');
    const gsNumbers = groups.length
      ? await deps.controlNumbers.reserve(partner.id, 'group', groups.length)
      : [];
    const stNumbers = groups.length
      ? await deps.controlNumbers.reserve(partner.id, 'set', groups.length)
      : [];
    const ackSet = partner.acknowledgement.type;
    const outbound: OutboundGroup[] = groups.map((group, i) => {
      const options = {
        controlNumber: String(stNumbers[i]).padStart(4, '0'),
        setResponses: partner.acknowledgement.setResponses,
      };
      const body = ackSet === '999' ? build999(group, options) : build997(group, options);
      return {
        controlNumber: gsNumbers[i]!,
        sets: [{ setId: ackSet, controlNumber: stNumbers[i]!, body: innerBody(body) }],
      };
    });
    if (ta1) setIds.add('TA1');
    if (outbound.length) setIds.add(ackSet);
    const written = envelope({
      profile: partner,
      interchangeControlNumber: isa!,
      createdAt: now,
      groups: outbound,
      ...(ta1 ? { ta1 } : {}),
    });
    texts.push(written.text);
    controlNumbers.push(written.controlNumber);
  }
  if (!texts.length) return undefined;
  const content = texts.join('');
  const record = await keepOutbound(deps, partner, Buffer.from(content, 'latin1'), {
    controlNumber: controlNumbers[0]!,
    setIds: [...setIds],
    acknowledgementOf: inboundInterchangeId,
  });
  deps.metrics.ediInterchanges.inc({ direction: 'outbound', status: 'acknowledgement' });
  return { interchangeId: record._id, setIds: [...setIds], content };
}
