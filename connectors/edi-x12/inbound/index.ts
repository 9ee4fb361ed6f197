/**
 * Inbound X12 mappers: one per transaction set the hub reads, each a pure `(set, context) => MappedSet`. The
 * registry is an explicit list (no scanning), keyed by ST01.
 */
import type { SetMapper } from './context';
import { map810 } from './map-810';
import { map846 } from './map-846';
import { map850 } from './map-850';
import { map855 } from './map-855';
import { map856 } from './map-856';
import { map860 } from './map-860';
import { map945 } from './map-945';
import { map947 } from './map-947';
import { map997 } from './map-997';
import { readBack940 } from '../outbound/read-back/map-940-warehouse-shipping-order';

/** The mapper of every transaction set the hub receives, by X12 set id. */
export const inboundMappers: Record<string, SetMapper> = {
  '810': map810,
  '846': map846,
  '850': map850,
  '855': map855,
  '856': map856,
  '860': map860,
  // A 940 reaches us when the hub's warehouse ships for a depositor (a customer's or a partner's stock): it is
  // read as the 3PL reads the 940s we send.
  '940': readBack940,
  '945': map945,
  '947': map947,
  '997': map997,
};

export type {
  AcknowledgedSet,
  BusinessKeys,
  InboundContext,
  MappedDocument,
  MappedSet,
  ReceivedAcknowledgement,
  SetMapper,
} from './context';
export { map810, map846, map850, map855, map856, map860, map945, map947, map997 };
