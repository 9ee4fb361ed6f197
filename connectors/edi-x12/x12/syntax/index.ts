/** The set definitions the engine validates with, and the segment rules they share. */
import { SET_810 } from './set-810';
import { SET_846 } from './set-846';
import { SET_850 } from './set-850';
import { SET_855 } from './set-855';
import { SET_856 } from './set-856';
import { SET_860 } from './set-860';
import { SET_940 } from './set-940';
import { SET_945 } from './set-945';
import { SET_947 } from './set-947';
import { SET_997 } from './set-997';
import { COMMON_SEGMENTS } from './segments-common';
import { SET_SEGMENTS } from './segments-sets';
import type { SegmentSpec, SetDefinition } from './spec-types';

/** Built-in set definitions (4010) by ST01. */
export const SET_DEFINITIONS: ReadonlyMap<string, SetDefinition> = new Map(
  [SET_850, SET_860, SET_855, SET_856, SET_810, SET_846, SET_940, SET_945, SET_947, SET_997].map((d) => [
    d.setId,
    d,
  ]),
);

/** Element rules by segment id. */
export const SEGMENT_SPECS: ReadonlyMap<string, SegmentSpec> = new Map(
  [...COMMON_SEGMENTS, ...SET_SEGMENTS].map((spec) => [spec.id, spec]),
);

export type { SetDefinition, SegmentSpec } from './spec-types';
