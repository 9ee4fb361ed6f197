import type { ConnectorStore } from '../../platform/connector-store';
import type { Ownership, OwnershipRule } from '../../platform/ownership';
import type { Quarantine, QuarantineRecord, QuarantineStatus } from '../../platform/quarantine';
import { principalOf } from '../middleware/auth';
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

/** System-of-record rules, and the review of master-data updates held back because the sender does not own them. */
export function masterDataHandlers(deps: {
  ownership: Ownership;
  quarantine: Quarantine;
  connectors: ConnectorStore;
}): Handlers {
  const { ownership, quarantine } = deps;
  return {
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
      const record = await quarantine.release(pathParam(req, 'id'), {
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
