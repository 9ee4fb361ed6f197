/**
 * What happens to one syntactically acceptable transaction set: map it to canonical documents, validate them,
 * and give them to the flows (or, from a test interchange, keep them away from the flows). A 997 is matched to
 * the group we sent instead. A set that does not map is kept as `failed` with the X12 field named, for a fix and
 * a replay; the 997 still accepts it, because a 997 reports syntax, not business content.
 */
import { inboundMappers } from '../../connectors/edi-x12/inbound/index';
import type { MappedSet } from '../../connectors/edi-x12/inbound/context';
import type { TradingPartnerProfile } from '../../connectors/edi-x12/partner';
import type { TransactionSet } from '../../connectors/edi-x12/x12/types';
import { HubError, classifyError } from '../errors';
import { TOPICS } from '../kafka-topics';
import type { EdiDeps } from './deps';
import type { BusinessKeys, SetRecord } from './set-store';
import { BUSINESS_KEY_NAMES } from './set-store';

/** The outcome fields of a set record that mapping decides. */
export type MappingOutcome = Pick<SetRecord, 'status' | 'documents'> &
  BusinessKeys & {
    error?: SetRecord['error'];
    warnings?: SetRecord['warnings'];
    acknowledgement?: SetRecord['acknowledgement'];
  };

/** The event name a canonical document from EDI is published under, e.g. "sales-order.received". */
export function eventNameOf(documentType: string): string {
  return `${documentType}.received`;
}

function keysOf(mapped: MappedSet): BusinessKeys {
  const keys: BusinessKeys = {};
  for (const name of BUSINESS_KEY_NAMES) {
    const value = mapped.businessKeys[name];
    if (value) keys[name] = value;
  }
  return keys;
}

/** Maps and validates one set; throws a `data` HubError naming the fields when it does not map. */
export function mapTransactionSet(
  deps: Pick<EdiDeps, 'validator'>,
  set: TransactionSet,
  partner: TradingPartnerProfile,
  connectorId: string,
): MappedSet {
  const mapper = inboundMappers[set.setId];
  if (!mapper) throw new HubError('data', `transaction set ${set.setId} is not one the hub maps`);
  const mapped = mapper(set, {
    connectorId,
    legalEntityId: partner.legalEntityId,
    partner,
    perspective: 'hub',
  });
  for (const [i, document] of mapped.documents.entries()) {
    const checked = deps.validator.validate(document.documentType, document);
    if (!checked.valid) {
      throw new HubError('data', `document ${i} is not a valid canonical ${document.documentType}`, {
        fieldErrors: checked.errors.map((e) => ({ path: `/documents/${i}${e.path}`, message: e.message })),
      });
    }
  }
  return mapped;
}

/** Maps a set; never throws for bad content (it comes back as `failed` with the X12 fields named). */
export function mapForRecord(
  deps: Pick<EdiDeps, 'validator' | 'logger'>,
  set: TransactionSet,
  partner: TradingPartnerProfile,
  connectorId: string,
): MappingOutcome {
  try {
    const mapped = mapTransactionSet(deps, set, partner, connectorId);
    return {
      ...keysOf(mapped),
      status: 'held',
      documents: mapped.documents as unknown as SetRecord['documents'],
      ...(mapped.warnings?.length ? { warnings: mapped.warnings } : {}),
      ...(mapped.acknowledgement ? { acknowledgement: mapped.acknowledgement } : {}),
    };
  } catch (err) {
    const hub = classifyError(err);
    if (hub.kind !== 'data') throw err;
    deps.logger.warn(
      { setId: set.setId, controlNumber: set.controlNumber, connectorId },
      'transaction set did not map; kept as failed',
    );
    return {
      status: 'failed',
      documents: [],
      error: {
        kind: hub.kind,
        message: hub.message,
        ...(hub.fieldErrors ? { fieldErrors: hub.fieldErrors } : {}),
      },
    };
  }
}

/**
 * Acts on a held set once its group is known to be accepted: a 997 is matched to the group we sent; other
 * documents are published to the flows, except from a test interchange, whose documents stay here.
 */
export async function commitSet(
  deps: EdiDeps,
  record: Omit<SetRecord, '_id' | 'createdAt' | 'updatedAt' | 'replays'> & { _id?: string },
  ctx: {
    correlationId?: string;
    /** set once a publish fails, so later sets of the file do not wait again */ brokerDown?: boolean;
  },
): Promise<Pick<SetRecord, 'status'> & { error?: SetRecord['error'] }> {
  const ack = record.acknowledgement;
  if (ack) {
    const match = await deps.acks.match(
      record.partnerId ?? '?',
      {
        functionalId: ack.acknowledgedGroup.functionalId,
        controlNumber: ack.acknowledgedGroup.controlNumber,
        groupStatus: ack.groupStatus,
        groupCodes: ack.groupErrors,
        sets: ack.sets.map((s) => ({ ...s, codes: s.errors })),
      },
      record.interchangeId,
    );
    if (match.matched) return { status: 'acknowledgement' };
    return {
      status: 'failed',
      error: {
        kind: 'data',
        message:
          match.reason === 'unknown-group'
            ? `this 997 answers group ${ack.acknowledgedGroup.functionalId} ${ack.acknowledgedGroup.controlNumber}, which the hub did not send to this partner`
            : `group ${ack.acknowledgedGroup.controlNumber} was already acknowledged`,
        fieldErrors: [{ path: '/2/AK102', message: 'matches no pending group the hub sent to this partner' }],
      },
    };
  }
  if (record.test) return { status: 'test' };
  // The broker did not take an earlier set of this file: keep the rest unpublished at once (replayable) rather
  // than wait out the producer's timeout for every set.
  if (ctx.brokerDown) return { status: 'unpublished' };
  try {
    for (const document of record.documents) {
      const message = {
        ediInterchangeId: record.interchangeId,
        ediSet: {
          setId: record.setId,
          groupControlNumber: record.groupControlNumber,
          controlNumber: record.controlNumber,
        },
        event: eventNameOf(document.documentType),
        connectorId: record.connectorId,
        partnerId: record.partnerId,
        document,
      };
      await deps.producer.send(
        TOPICS.inboundEvents.name,
        document.id,
        Buffer.from(JSON.stringify(message)),
        ctx.correlationId === undefined ? {} : { 'correlation-id': ctx.correlationId },
      );
    }
  } catch (err) {
    deps.logger.warn(
      { err, interchangeId: record.interchangeId, controlNumber: record.controlNumber },
      'EDI documents not published yet; kept as unpublished',
    );
    ctx.brokerDown = true;
    return { status: 'unpublished' };
  }
  return { status: 'accepted' };
}
