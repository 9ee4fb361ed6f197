/**
 * Sending canonical documents to a trading partner as one X12 interchange: each document becomes one set, sets are
 * grouped by functional id, control numbers are reserved from the partner's persisted sequences (a crash can waste
 * a number, never reuse one), the bytes are kept, every set is findable by its business numbers, and every group
 * is due for the partner's 997 within the agreed time. SFTP partners get the file atomically in their outbound
 * folder; other connectors keep it for pickup.
 */
import type { CanonicalDocument } from '../../canonical-model/generated/index';
import type { OutboundContext } from '../../connectors/edi-x12/outbound/context';
import type { TradingPartnerProfile } from '../../connectors/edi-x12/partner';
import { envelope } from '../../connectors/edi-x12/writer/index';
import type { OutboundGroup } from '../../connectors/edi-x12/writer/index';
import { functionalIdOf } from '../../connectors/edi-x12/writer/index';
import type { OutSegment } from '../../connectors/edi-x12/x12/types';
import { HubError, isHubError } from '../errors';
import { newId } from '../ids';
import type { FieldError } from '../errors';
import type { EdiDeps } from './deps';
import { isEdiSftpConnector } from './edi-connectors';
import { keepOutbound } from './keep-outbound';
import { planOutboundSet } from './outbound-sets';
import type { OutboundSetPlan } from './outbound-sets';

/** What to send. */
export interface SendInput {
  connectorId: string;
  partnerId: string;
  documents: unknown[];
  fileName?: string;
  correlationId?: string;
}

/** What was sent. */
export interface SendResult {
  interchangeId: string;
  controlNumber: string;
  delivery: { method: 'sftp' | 'pickup'; path?: string };
  sets: {
    setId: string;
    controlNumber: string;
    groupControlNumber: string;
    documentType: string;
    documentId: string;
  }[];
}

const invalid = (errors: FieldError[]) =>
  new HubError('data', `the documents cannot be sent: ${errors[0]!.path} ${errors[0]!.message}`, {
    fieldErrors: errors,
  });

function contextOf(partner: TradingPartnerProfile): OutboundContext {
  const ours = partner.ourParty ?? {};
  return {
    profile: partner,
    legalEntity: { id: partner.legalEntityId, legalName: ours.name ?? partner.legalEntityId },
    ourParty: {
      ...(ours.name ? { name: ours.name } : {}),
      ...(ours.code ? { code: ours.code } : {}),
      ...(ours.gln ? { gln: ours.gln } : {}),
    },
  };
}

/** Validates and plans every document; all problems are reported at once, each at `/documents/<i>…`. */
function plan(deps: EdiDeps, partner: TradingPartnerProfile, documents: unknown[]) {
  const errors: FieldError[] = [];
  const planned: { document: CanonicalDocument; plan: OutboundSetPlan; body: OutSegment[] }[] = [];
  const context = contextOf(partner);
  documents.forEach((raw, i) => {
    const type = (raw as { documentType?: unknown }).documentType;
    const checked = deps.validator.validate(String(type), raw);
    if (!checked.valid) {
      errors.push(...checked.errors.map((e) => ({ path: `/documents/${i}${e.path}`, message: e.message })));
      return;
    }
    const document = checked.value;
    const p = planOutboundSet(document);
    if (typeof p === 'string') return void errors.push({ path: `/documents/${i}/documentType`, message: p });
    if (!partner.sets.some((s) => s.set === p.setId && s.direction === 'outbound')) {
      return void errors.push({
        path: `/documents/${i}/documentType`,
        message: `trading partner ${partner.name} does not take ${p.setId} from us (see its profile's sets)`,
      });
    }
    try {
      planned.push({ document, plan: p, body: p.generate(context) });
    } catch (err) {
      if (!isHubError(err) || err.kind !== 'data') throw err;
      const fields = err.fieldErrors ?? [{ path: '', message: err.message }];
      errors.push(
        ...fields.map((f) => ({
          path: `/documents/${i}${f.path.startsWith('/') ? f.path : `/${f.path}`}`,
          message: f.message,
        })),
      );
    }
  });
  if (errors.length) throw invalid(errors);
  return planned;
}

/** Generates, keeps, records and delivers one interchange for the partner. */
export async function sendEdi(deps: EdiDeps, input: SendInput): Promise<SendResult> {
  const partner = await deps.partners.get(input.partnerId);
  if (partner.connectorId !== input.connectorId) {
    throw new HubError(
      'data',
      `trading partner ${partner.id} is not reached through connector ${input.connectorId}`,
      {
        fieldErrors: [{ path: '/partnerId', message: `belongs to connector ${partner.connectorId}` }],
      },
    );
  }
  const planned = plan(deps, partner, input.documents);
  const byFunctionalId = new Map<string, typeof planned>();
  for (const p of planned) {
    const fid = functionalIdOf(p.plan.setId)!;
    byFunctionalId.set(fid, [...(byFunctionalId.get(fid) ?? []), p]);
  }
  const now = deps.now?.() ?? new Date();
  const [isa] = await deps.controlNumbers.reserve(partner.id, 'interchange');
  const gs = await deps.controlNumbers.reserve(partner.id, 'group', byFunctionalId.size);
  const st = await deps.controlNumbers.reserve(partner.id, 'set', planned.length);
  let next = 0;
  const ordered = [...byFunctionalId.values()];
  const groups: OutboundGroup[] = ordered.map((items, g) => ({
    controlNumber: gs[g]!,
    sets: items.map((p) => ({ setId: p.plan.setId, controlNumber: st[next++]!, body: p.body })),
  }));
  const written = envelope({ profile: partner, interchangeControlNumber: isa!, createdAt: now, groups });
  const bytes = Buffer.from(written.text, 'latin1');
  const setIds = [...new Set(planned.map((p) => p.plan.setId))];
  // The hub-made name is unique by its random tail: control numbers restart with a new database, file names never.
  const fileName =
    input.fileName ?? `${setIds.join('-')}-${written.controlNumber}-${newId('f', 8).slice(2)}.x12`;
  const record = await keepOutbound(deps, partner, bytes, {
    controlNumber: written.controlNumber,
    setIds,
    fileName,
    ...(input.correlationId ? { correlationId: input.correlationId } : {}),
  });
  const sets: SendResult['sets'] = [];
  for (const [g, group] of written.groups.entries()) {
    const items = ordered[g]!;
    for (const [s, set] of group.sets.entries()) {
      const item = items[s]!;
      await deps.sets.create({
        interchangeId: record._id,
        connectorId: partner.connectorId,
        partnerId: partner.id,
        direction: 'outbound',
        setId: set.setId,
        controlNumber: set.controlNumber,
        functionalId: group.functionalId,
        groupControlNumber: group.controlNumber,
        syntaxCodes: [],
        segmentErrors: [],
        status: 'sent',
        documents: [item.document as unknown as { documentType: string; id: string }],
        ...item.plan.businessKeys,
        segmentCount: set.segmentCount,
        test: partner.usage === 'T',
      });
      deps.metrics.ediTransactionSets.inc({ set: set.setId, direction: 'outbound', status: 'sent' });
      sets.push({
        setId: set.setId,
        controlNumber: set.controlNumber,
        groupControlNumber: group.controlNumber,
        documentType: item.document.documentType,
        documentId: item.document.id,
      });
    }
    await deps.acks.expect({
      partnerId: partner.id,
      connectorId: partner.connectorId,
      interchangeId: record._id,
      interchangeControlNumber: written.controlNumber,
      functionalId: group.functionalId,
      controlNumber: group.controlNumber,
      sets: group.sets.map((s) => ({ setId: s.setId, controlNumber: s.controlNumber })),
      sentAt: now,
      dueAt: new Date(now.getTime() + partner.acknowledgement.expectedWithinMinutes * 60_000),
    });
  }
  const delivery = await deliver(deps, partner, fileName, bytes);
  await deps.interchanges.update(record._id, { status: delivery.method === 'sftp' ? 'sent' : 'queued' });
  deps.metrics.ediInterchanges.inc({
    direction: 'outbound',
    status: delivery.method === 'sftp' ? 'sent' : 'queued',
  });
  return { interchangeId: record._id, controlNumber: written.controlNumber, delivery, sets };
}

/** Uploads to an SFTP partner; any other connector keeps the file for pickup through the API. */
export async function deliver(
  deps: EdiDeps,
  partner: TradingPartnerProfile,
  fileName: string,
  bytes: Buffer,
): Promise<SendResult['delivery']> {
  const connector = await deps.connectors.getDecryptedConfig(partner.connectorId);
  const instance = deps.registry
    .getConnectorType(connector.type)
    ?.create(connector.config, { logger: deps.logger, connectorId: connector.id });
  if (!isEdiSftpConnector(instance)) return { method: 'pickup' };
  const uploaded = await instance.upload(fileName, bytes);
  return { method: 'sftp', path: uploaded.path };
}
