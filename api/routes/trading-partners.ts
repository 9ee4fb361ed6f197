import type { ConnectorStore } from '../../platform/connector-store-types';
import type { PartnerStore, TradingPartnerInput } from '../../platform/edi/partner-store';
import { HttpProblem, problem } from '../problem';
import { pathParam, queryParam } from '../params';
import type { Handlers } from '../router';

/** Checks what the schema cannot: the connector is an EDI connector and the time zone is a real IANA zone. */
async function checkReferences(connectors: ConnectorStore, input: TradingPartnerInput): Promise<void> {
  const errors: { path: string; message: string }[] = [];
  try {
    const connector = await connectors.get(input.connectorId);
    if (connector.kind !== 'edi') {
      errors.push({
        path: '/connectorId',
        message: `is a ${connector.kind} connector, not an EDI connector`,
      });
    }
  } catch {
    errors.push({ path: '/connectorId', message: `no connector ${input.connectorId}` });
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: input.timeZone });
  } catch {
    errors.push({ path: '/timeZone', message: `${JSON.stringify(input.timeZone)} is not an IANA time zone` });
  }
  const { element, component, segment, repetition } = input.delimiters;
  const all = [element, component, segment, ...(repetition ? [repetition] : [])];
  if (new Set(all).size !== all.length) {
    errors.push({
      path: '/delimiters',
      message: 'element, component, segment and repetition separators must differ',
    });
  }
  if (errors.length) throw new HttpProblem(problem(400, 'validation', 'The request is invalid', { errors }));
}

/** Trading partner profiles: register, list, show, replace, remove. */
export function tradingPartnerHandlers(deps: {
  partners: PartnerStore;
  connectors: ConnectorStore;
}): Handlers {
  return {
    listTradingPartners: async (req, res) => {
      const connectorId = queryParam(req, 'connectorId');
      const items = await deps.partners.list(connectorId ? { connectorId } : {});
      res.json({ items: items });
    },
    createTradingPartner: async (req, res) => {
      const input = req.body as TradingPartnerInput;
      await checkReferences(deps.connectors, input);
      const created = await deps.partners.create(input);
      res.status(201).location(`/v1/trading-partners/${created.id}`).json(created);
    },
    getTradingPartner: async (req, res) => {
      res.json(await deps.partners.get(pathParam(req, 'id')));
    },
    replaceTradingPartner: async (req, res) => {
      const { expectedRevision, ...input } = req.body as TradingPartnerInput & { expectedRevision: number };
      await checkReferences(deps.connectors, input);
      res.json(await deps.partners.replace(pathParam(req, 'id'), input, expectedRevision));
    },
    deleteTradingPartner: async (req, res) => {
      await deps.partners.remove(pathParam(req, 'id'));
      res.status(204).end();
    },
  };
}
