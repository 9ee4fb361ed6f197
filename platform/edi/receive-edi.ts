/**
 * Receiving one EDI file, whatever carried it (HTTP or SFTP): the bytes are kept as they stream in, the envelope
 * and every set are checked as they are read, each good set is mapped and handed on, and the acknowledgements the
 * partner is owed (997/999 per group, TA1 when asked for or when the envelope is broken) are generated with our own
 * control numbers and kept. Nothing is lost: a file that is not X12, an unknown partner, a duplicate and a set
 * that does not map all leave a record with the reason, beside the original bytes.
 */
import { PassThrough } from 'node:stream';
import type { Readable } from 'node:stream';
import { receiveInterchanges } from '../../connectors/edi-x12/x12/receive-interchange';
import type { InterchangeOutcome } from '../../connectors/edi-x12/x12/outcome-types';
import type { TradingPartnerProfile } from '../../connectors/edi-x12/partner';
import { classifyError } from '../errors';
import type { EdiDeps } from './deps';
import { buildAcknowledgements } from './build-acknowledgements';
import type { GroupSummary, InterchangeRecord, InterchangeStatus } from './interchange-store';
import type { SetRecord } from './set-store';
import { commitSet, mapForRecord } from './map-set';
import { receivedSetFields } from './set-record';

/** One file to receive. */
export interface ReceiveInput {
  connectorId: string;
  transport: 'http' | 'sftp';
  fileName?: string;
  body: Readable;
  correlationId?: string;
}

/** What receiving a file produced. */
export interface ReceiveResult {
  interchange: InterchangeRecord;
  partner?: TradingPartnerProfile;
  /** The first sets received (all of them up to the limit). */
  sets: SetRecord[];
  truncated: boolean;
  acknowledgement?: { interchangeId: string; setIds: string[]; content: string };
}

/** Sets listed in a receipt; the rest are found through /v1/edi/transaction-sets?interchangeId=… */
export const RECEIPT_SET_LIMIT = 200;
/** Held sets of one group kept in memory until the group ends; more are read back from the store. */
export const HELD_IN_MEMORY = 5_000;

type NewSetRecord = Parameters<EdiDeps['sets']['create']>[0];

function statusOf(outcomes: InterchangeOutcome[], unknownPartner: boolean): InterchangeStatus {
  const first = outcomes[0];
  if (!first?.header) return 'unreadable';
  if (unknownPartner) return 'rejected';
  if (outcomes.every((o) => o.duplicate)) return 'duplicate';
  if (outcomes.some((o) => o.ta1.status === 'R')) return 'rejected';
  const groups = outcomes.flatMap((o) => o.groups);
  if (groups.length && groups.every((g) => g.status === 'R')) return 'rejected';
  if (groups.some((g) => g.status === 'R' || g.status === 'P')) return 'partially-accepted';
  if (groups.some((g) => g.status === 'E') || outcomes.some((o) => o.ta1.status === 'E'))
    return 'accepted-with-errors';
  return 'accepted';
}

function groupSummaries(outcomes: InterchangeOutcome[]): GroupSummary[] {
  return outcomes.flatMap((o) =>
    o.groups.map((g) => ({
      functionalId: g.header.functionalId,
      controlNumber: g.header.controlNumber,
      version: g.header.version,
      status: g.status,
      codes: g.codes,
      included: g.included,
      received: g.received,
      accepted: g.accepted,
    })),
  );
}

/** Receives one file for an EDI connector (the connector must exist: NotFoundError otherwise). */
export async function receiveEdi(deps: EdiDeps, input: ReceiveInput): Promise<ReceiveResult> {
  const connector = await deps.connectors.get(input.connectorId);
  const record = await deps.interchanges.create({
    connectorId: connector.id,
    direction: 'inbound',
    transport: input.transport,
    ...(input.fileName ? { fileName: input.fileName } : {}),
    byteCount: 0,
    status: 'receiving',
    ...(input.correlationId ? { correlationId: input.correlationId } : {}),
  });
  const upload = deps.raw.open({
    connectorId: connector.id,
    direction: 'inbound',
    ...(input.fileName ? { fileName: input.fileName } : {}),
    contentType: 'application/edi-x12',
  });
  const parse = new PassThrough();
  input.body.pipe(upload.stream);
  input.body.pipe(parse);
  input.body.on('error', (err) => {
    upload.stream.destroy(err);
    parse.destroy(err);
  });

  let partner: TradingPartnerProfile | undefined;
  let unknownPartner: string | undefined;
  let test = false;
  const sets: SetRecord[] = [];
  const counts = { received: 0, accepted: 0, rejected: 0, mapped: 0, failed: 0 };
  // The open group's held sets, committed from memory when it ends (up to a limit, then read back from the store).
  let held: NewSetRecord[] = [];
  let heldOverflow = false;
  const publishing: { correlationId?: string; brokerDown?: boolean } = input.correlationId
    ? { correlationId: input.correlationId }
    : {};
  const tally = (set: SetRecord) => {
    deps.metrics.ediTransactionSets.inc({ set: set.setId, direction: 'inbound', status: set.status });
    if (set.status === 'rejected') counts.rejected += 1;
    else if (set.status === 'failed') counts.failed += 1;
    else counts.mapped += 1;
  };

  const claims: [string, string, string][] = [];
  const reading = receiveInterchanges(parse, {
    onHeader: async (header) => {
      const sender = { qualifier: header.senderQualifier, id: header.senderId };
      const receiver = { qualifier: header.receiverQualifier, id: header.receiverId };
      partner = await deps.partners.findByInterchange(connector.id, sender, receiver);
      if (!partner) {
        unknownPartner = `${sender.qualifier}/${sender.id} → ${receiver.qualifier}/${receiver.id}`;
        // Not ours to acknowledge: without a profile there is nobody to answer, so no set is taken.
        return 'withhold';
      }
      test = header.usage !== 'P' || partner.usage === 'T';
      const claim = await deps.interchanges.claim(
        partner.id,
        `${sender.qualifier}/${sender.id}`,
        header.controlNumber,
        record._id,
      );
      if (claim.outcome !== 'new') return 'duplicate';
      claims.push([partner.id, `${sender.qualifier}/${sender.id}`, header.controlNumber]);
      return 'continue';
    },
    onSet: async (set, outcome) => {
      if (!partner) return;
      counts.received += 1;
      const fields = {
        ...receivedSetFields(set, outcome, {
          interchangeId: record._id,
          connectorId: connector.id,
          partnerId: partner.id,
          test,
        }),
        sequence: counts.received,
      };
      const result =
        outcome.status === 'R'
          ? { status: 'rejected' as const, documents: [] }
          : mapForRecord(deps, set, partner, connector.id);
      // A held set waits in memory for its group's verdict and is stored once with its final status (FerretDB v1
      // updates are slow: each one reads the collection); past the limit it is stored now and updated later.
      if (result.status === 'held' && held.length < HELD_IN_MEMORY) {
        held.push({ ...fields, ...result });
        return;
      }
      const stored = await deps.sets.create({ ...fields, ...result });
      if (stored.status !== 'held') tally(stored);
      else heldOverflow = true;
      if ((stored.sequence ?? 0) <= RECEIPT_SET_LIMIT) sets.push(stored);
    },
    // Nothing acts on a set before its group's verdict: a group rejected as a whole (GE missing, GE02 wrong, …)
    // rejects every set in it, the ones that did not map included, as its 997 says.
    onGroupEnd: async (group) => {
      const verdict = async (set: NewSetRecord) =>
        group.status === 'R'
          ? { status: 'rejected' as const, syntaxStatus: 'R' }
          : await commitSet(deps, set, publishing);
      const waiting = held;
      held = [];
      const decided: NewSetRecord[] = [];
      for (const set of waiting) decided.push({ ...set, ...(await verdict(set)) });
      for (const stored of await deps.sets.createMany(decided)) {
        tally(stored);
        if ((stored.sequence ?? 0) <= RECEIPT_SET_LIMIT) sets.push(stored);
      }
      const settle = async (set: SetRecord) => {
        if (set.status === 'failed') counts.failed -= 1;
        const next = await deps.sets.patch(set, await verdict(set));
        tally(next);
        const shown = sets.findIndex((s) => s._id === next._id);
        if (shown >= 0) sets[shown] = next;
      };
      const fromStore: SetRecord['status'][] = group.status === 'R' ? ['failed'] : [];
      if (heldOverflow) fromStore.unshift('held');
      heldOverflow = false;
      for (const status of fromStore) {
        for (;;) {
          const batch = await deps.sets.list({
            interchangeId: record._id,
            groupControlNumber: group.header.controlNumber,
            status,
            limit: 500,
          });
          for (const set of batch) await settle(set);
          if (batch.length < 500) break;
        }
      }
    },
  });
  let outcomes: Awaited<typeof reading>;
  let raw: Awaited<typeof upload.done>;
  try {
    [outcomes, raw] = await Promise.all([reading, upload.done]);
  } catch (err) {
    // Not received (the store or the stream failed): give the claims back so the partner's resend is taken, and
    // say so on the record, whose bytes may be incomplete.
    for (const [partnerId, sender, controlNumber] of claims) {
      await deps.interchanges.releaseClaim(partnerId, sender, controlNumber).catch(() => undefined);
    }
    const hub = classifyError(err);
    await deps.interchanges
      .update(record._id, { status: 'interrupted', error: { kind: hub.kind, message: hub.message } })
      .catch(() => undefined);
    throw err;
  }
  counts.accepted = counts.received - counts.rejected;
  sets.sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0));
  const truncated = counts.received > RECEIPT_SET_LIMIT;
  deps.metrics.ediBytes.inc({ direction: 'inbound' }, raw.length);
  const first = outcomes[0];
  const status = statusOf(outcomes, unknownPartner !== undefined);
  const acknowledgement =
    partner && first?.header ? await buildAcknowledgements(deps, partner, outcomes, record._id) : undefined;
  const problems = outcomes.flatMap((o) => o.problems);
  const error =
    status === 'unreadable'
      ? { kind: 'data', message: problems[0] ?? 'the file is not an X12 interchange' }
      : unknownPartner
        ? {
            kind: 'config',
            message: `no trading partner profile on this connector for ISA ${unknownPartner}`,
          }
        : undefined;
  const updated = await deps.interchanges.update(record._id, {
    ...(partner ? { partnerId: partner.id } : {}),
    rawFileId: raw.id,
    byteCount: raw.length,
    sha256: raw.sha256,
    ...(first?.header
      ? {
          controlNumber: first.header.controlNumber,
          sender: { qualifier: first.header.senderQualifier, id: first.header.senderId },
          receiver: { qualifier: first.header.receiverQualifier, id: first.header.receiverId },
          usage: first.header.usage,
        }
      : {}),
    status,
    ...(first?.header
      ? { ta1: { status: first.ta1.status, note: first.ta1.note, message: first.problems[0] ?? '' } }
      : {}),
    groups: groupSummaries(outcomes),
    sets: counts,
    ...(acknowledgement ? { acknowledgementInterchangeId: acknowledgement.interchangeId } : {}),
    ...(error ? { error } : {}),
  });
  deps.metrics.ediInterchanges.inc({ direction: 'inbound', status });
  deps.logger.info(
    { interchangeId: record._id, connectorId: connector.id, status, controlNumber: updated.controlNumber },
    'EDI interchange received',
  );
  return {
    interchange: updated,
    ...(partner ? { partner } : {}),
    sets,
    truncated,
    ...(acknowledgement ? { acknowledgement } : {}),
  };
}
