/** The X12 writer: serializes segments and envelopes transaction sets for one trading partner. */
export { envelope, writtenDelimiters } from './envelope';
export type { EnvelopeInput, EnvelopeProfile, Interchange, OutboundGroup, OutboundSet } from './envelope';
export { formatIsa, ISA_LENGTH, usesRepetitionSeparator } from './format-isa';
export type { IsaFields } from './format-isa';
export { creationStamp } from './creation-stamp';
export type { CreationStamp } from './creation-stamp';
export { functionalIdOf } from './functional-ids';
export { scrubValue } from './scrub-value';
export { serializeSegment, serializeSegments } from './serialize-segments';
export { validateDelimiters } from './validate-delimiters';
