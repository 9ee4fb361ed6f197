/** The inbound X12 engine: streaming reader, envelope and syntax validation, acknowledgement bodies. */
export { receiveInterchanges } from './receive-interchange';
export type { ReceiveHandlers, ReceiveOptions } from './receive-interchange';
export { readSegments, readSegmentBatches } from './read-segments';
export type { ByteSource, ReadEvent, ReadOptions } from './read-segments';
export { detectDelimiters, ISA_LENGTH } from './detect-delimiters';
export type { DelimitersFound, DelimitersNotFound } from './detect-delimiters';
export { build997 } from './build-997';
export type { AckOptions } from './build-997';
export { build999 } from './build-999';
export { buildTa1 } from './build-ta1';
export { SET_DEFINITIONS, SEGMENT_SPECS } from './syntax/index';
export type {
  ElementError,
  GroupOutcome,
  GroupStatus,
  InterchangeOutcome,
  SegmentError,
  SetOutcome,
  SetStatus,
  Ta1Outcome,
  Ta1Status,
} from './outcome-types';
export { components, element } from './types';
export type {
  Delimiters,
  GroupHeader,
  InterchangeHeader,
  OutSegment,
  Segment,
  TransactionSet,
} from './types';
