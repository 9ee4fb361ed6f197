import type { Request, Response } from 'express';
import type { CanonicalValidator } from '../../canonical-model/validate';
import type { HubMetrics } from '../../monitoring/metrics';
import type { ConnectorStore } from '../../platform/connector-store';
import { isNotFound } from '../../platform/connector-store';
import { HubError } from '../../platform/errors';
import { isMasterDataType } from '../../platform/master-data';
import type {
  IngestOutcome,
  MasterData,
  MasterDataDocument,
  MasterDataRecord,
  MasterDataType,
} from '../../platform/master-data';
import type { Ownership, OwnershipRule } from '../../platform/ownership';
import type { Quarantine, QuarantineRecord, QuarantineStatus } from '../../platform/quarantine';
import { principalOf } from '../middleware/auth';
import { HttpProblem, problem } from '../problem';
import { pathParam, queryParam } from '../params';
import type { Handlers } from '../router';

const presentRule = (r: OwnershipRule) => ({
  legalEntityId: r.legalEntityId,
  objectType: r.objectType,
  ownerConnectorId: r.ownerConnectorId,
  updatedAt: r.updatedAt.toISOString(),
  updatedBy: r.updatedBy ?? null,
});

const presentHeld = (q: QuarantineRecord) => {
  const { _id, receivedAt, updatedAt, history, correlationId, ...rest } = q;
  return {
    id: _id,
    ...rest,
    correlationId: correlationId ?? null,
    receivedAt: receivedAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
    history: history.map((h) => ({ ...h, at: new Date(h.at).toISOString() })),
  };
};

const presentRecord = (r: MasterDataRecord) => ({
  objectType: r.objectType,
  id: r.canonicalId,
  legalEntityId: r.legalEntityId,
  revision: r.revision,
  appliedAt: r.appliedAt.toISOString(),
  sourceConnectorId: r.sourceConnectorId,
  sourceVersion: r.sourceVersion,
  document: r.document,
});

const presentOutcome = (objectType: MasterDataType, id: string, result: IngestOutcome) => {
  switch (result.outcome) {
    case 'held':
      return {
        outcome: result.outcome,
        objectType,
        id,
        quarantineId: result.quarantineId,
        reason: result.reason,
      };
    case 'duplicate':
      return { outcome: result.outcome, objectType, id };
    default:
      return { outcome: result.outcome, objectType, id, revision: result.record.revision };
  }
};

/** System-of-record rules, and the review of master-data updates held back because the sender does not own them. */
export function masterDataHandlers(deps: {
  ownership: Ownership;
  quarantine: Quarantine;
  connectors: ConnectorStore;
  masterData: MasterData;
  metrics: HubMetrics;
  /** Compiled once per process: compiling every canonical schema takes a while. */
  validator: CanonicalValidator;
}): Handlers {
  const { ownership, quarantine, masterData } = deps;
  const { validator } = deps;

  /** The contract has validated the body against the canonical schema of `objectType`. */
  const ingest = (objectType: MasterDataType) => async (req: Request, res: Response) => {
    const document = req.body as MasterDataDocument;
    const sender = document.source.connectorId;
    const principal = principalOf(res);
    if (principal.connectorId !== undefined && principal.connectorId !== sender) {
      throw new HttpProblem(
        problem(403, 'forbidden', 'Not allowed for this key', {
          detail: `This key may only send documents of connector ${principal.connectorId}`,
          errors: [{ path: '/source/connectorId', message: `must be ${principal.connectorId} for this key` }],
        }),
      );
    }
    try {
      await deps.connectors.get(sender);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      const message = `no connector ${sender} is registered`;
      throw new HubError('data', message, { fieldErrors: [{ path: '/source/connectorId', message }] });
    }
    const result = await masterData.ingest(document, { correlationId: res.locals.correlationId as string });
    deps.metrics.masterDataUpdates.inc({ object_type: objectType, outcome: result.outcome });
    if (result.outcome === 'duplicate') deps.metrics.inboundDuplicates.inc({ source: sender });
    res.status(result.outcome === 'held' ? 202 : 200).json(presentOutcome(objectType, document.id, result));
  };

  return {
    ingestItem: ingest('item'),
    ingestCustomer: ingest('customer'),
    ingestSupplier: ingest('supplier'),
    ingestLocation: ingest('location'),
    ingestLegalEntity: ingest('legal-entity'),

    getMasterData: async (req, res) => {
      const objectType = pathParam(req, 'objectType') as MasterDataType;
      const record = await masterData.get(objectType, pathParam(req, 'id'));
      if (!record) {
        throw new HttpProblem(
          problem(404, 'not-found', 'Not found', { detail: `no ${objectType} ${pathParam(req, 'id')}` }),
        );
      }
      res.json(presentRecord(record));
    },

    listOwnershipRules: async (req, res) => {
      const legalEntityId = queryParam(req, 'legalEntityId');
      const rules = await ownership.listRules(legalEntityId ? { legalEntityId } : {});
      res.json({ items: rules.map(presentRule) });
    },

    setOwnershipRule: async (req, res) => {
      const { ownerConnectorId } = req.body as { ownerConnectorId: string };
      await deps.connectors.get(ownerConnectorId); // 404 for a connector that does not exist
      const rule = await ownership.setOwner({
        legalEntityId: pathParam(req, 'legalEntityId'),
        objectType: pathParam(req, 'objectType'),
        ownerConnectorId,
        by: principalOf(res).keyId,
      });
      res.json(presentRule(rule));
    },

    listQuarantine: async (req, res) => {
      const q = (name: string) => queryParam(req, name);
      const page = await quarantine.list({
        ...(q('status') ? { status: q('status') as QuarantineStatus } : {}),
        ...(q('legalEntityId') ? { legalEntityId: q('legalEntityId')! } : {}),
        ...(q('objectType') ? { objectType: q('objectType')! } : {}),
        ...(q('connectorId') ? { connectorId: q('connectorId')! } : {}),
        ...(q('limit') ? { limit: Number(q('limit')) } : {}),
        ...(q('cursor') ? { cursor: q('cursor')! } : {}),
      });
      res.json({ items: page.items.map(presentHeld), nextCursor: page.nextCursor ?? null });
    },

    getQuarantined: async (req, res) => {
      res.json(presentHeld(await quarantine.get(pathParam(req, 'id'))));
    },

    releaseQuarantined: async (req, res) => {
      const reason = (req.body as { reason?: string } | undefined)?.reason;
      const held = await quarantine.get(pathParam(req, 'id'));
      // Applied first, then marked released: a failure in between leaves it held, and applying again is harmless.
      if (held.status === 'held') {
        // Held documents are kept as received; only a valid canonical document of its type can be applied.
        const checked = isMasterDataType(held.objectType)
          ? validator.validate(held.objectType, held.document)
          : {
              valid: false as const,
              errors: [{ path: '/', message: `${held.objectType} is not master data` }],
            };
        if (!checked.valid) {
          throw new HubError(
            'data',
            'the held document is not a valid canonical document; discard it instead',
            {
              fieldErrors: checked.errors.map((e) => ({
                ...e,
                path: `/document${e.path === '/' ? '' : e.path}`,
              })),
            },
          );
        }
        await masterData.apply(checked.value as unknown as MasterDataDocument);
      }
      const record = await quarantine.release(held._id, {
        by: principalOf(res).keyId,
        ...(reason ? { reason } : {}),
      });
      res.json(presentHeld(record));
    },

    discardQuarantined: async (req, res) => {
      const { reason } = req.body as { reason: string };
      res.json(
        presentHeld(await quarantine.discard(pathParam(req, 'id'), { by: principalOf(res).keyId, reason })),
      );
    },
  };
}
