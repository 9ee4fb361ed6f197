/**
 * Which X12 set a canonical document is sent as, and the business numbers it carries. The document decides (its
 * type and direction), never the connector: an outbound ack is an 855, an AR invoice an 810, and so on.
 */
import type { CanonicalDocument } from '../../canonical-model/generated/index';
import { generate810 } from '../../connectors/edi-x12/outbound/generate-810';
import { generate850 } from '../../connectors/edi-x12/outbound/generate-850';
import { generate855 } from '../../connectors/edi-x12/outbound/generate-855';
import { generate856 } from '../../connectors/edi-x12/outbound/generate-856';
import { generate940 } from '../../connectors/edi-x12/outbound/generate-940';
import type { OutboundContext } from '../../connectors/edi-x12/outbound/context';
import type { OutSegment } from '../../connectors/edi-x12/x12/types';
import type { BusinessKeys } from './set-store';

/** A document's set: the set id, its body generator, and the numbers to find it by. */
export interface OutboundSetPlan {
  setId: '850' | '855' | '856' | '810' | '940';
  generate(context: OutboundContext): OutSegment[];
  businessKeys: BusinessKeys;
}

/** The plan for a validated document, or a sentence saying why it cannot be sent as X12. */
export function planOutboundSet(document: CanonicalDocument): OutboundSetPlan | string {
  switch (document.documentType) {
    case 'purchase-order': {
      const d = document;
      return { setId: '850', generate: (c) => generate850(d, c), businessKeys: { poNumber: d.poNumber } };
    }
    case 'purchase-order-ack': {
      const d = document;
      if (d.direction !== 'outbound')
        return 'only an outbound purchase-order-ack (our answer to a customer) is sent';
      return {
        setId: '855',
        generate: (c) => generate855(d, c),
        businessKeys: { poNumber: d.poNumber, ...(d.ackNumber ? { orderNumber: d.ackNumber } : {}) },
      };
    }
    case 'advance-ship-notice': {
      const d = document;
      if (d.direction !== 'outbound') return 'only an outbound advance-ship-notice (to a customer) is sent';
      const po = d.orders[0]?.poNumber;
      return {
        setId: '856',
        generate: (c) => generate856(d, c),
        businessKeys: { asnNumber: d.asnNumber, ...(po ? { poNumber: po } : {}) },
      };
    }
    case 'invoice': {
      const d = document;
      if (d.direction !== 'AR') return 'only an AR invoice (to a customer) is sent';
      return {
        setId: '810',
        generate: (c) => generate810(d, c),
        businessKeys: { invoiceNumber: d.invoiceNumber, ...(d.poNumber ? { poNumber: d.poNumber } : {}) },
      };
    }
    case 'warehouse-shipping-order': {
      const d = document;
      return {
        setId: '940',
        generate: (c) => generate940(d, c),
        businessKeys: {
          orderNumber: d.orderNumber,
          ...(d.customerPoNumber ? { poNumber: d.customerPoNumber } : {}),
        },
      };
    }
    default:
      return `a ${document.documentType} has no X12 set the hub sends (850, 855, 856, 810, 940)`;
  }
}
