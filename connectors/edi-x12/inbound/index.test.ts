import { readdirSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isHubError } from '../../../platform/errors';
import { receiveInterchanges } from '../x12/index';
import type { TransactionSet } from '../x12/types';
import { inboundMappers } from './index';
import { expectValidDocuments, partnerContext } from './test-support/inbound-context';
import { FIXTURES, readFixture, setsFromText } from './test-support/sets-from-text';

/** What each fixture's sets give, in order: documents mapped, `data` refused, or `none` (a set the hub only sends). */
const EXPECTED: Record<string, string[]> = {
  '01_850_vics_grocery_tilde.x12': ['mapped'],
  '02_850_pipe_multi_st_dirty_upc.x12': ['mapped', 'mapped', 'mapped', 'data'],
  '03_855_book_distributor_ack.edi': ['mapped'],
  // Placeholder SSCCs/GTINs with wrong check digits (04); no ship-to, no SSCCs, placeholder UPCs (05).
  '04_856_crossdock_SOPI_newline.edi': ['data'],
  '05_856_pickpack_SOI_004060.edi': ['data'],
  '08_940_food_3pl_newline.edi': ['mapped'],
  'v12_810_tds_implied_decimals.edi': ['mapped'],
  'v13_846_inventory.edi': ['mapped'],
  'v16_997_functional_ack.edi': ['mapped'],
  'v18_947_inventory_adjustment.edi': ['mapped'],
};

describe('inbound mapper registry', () => {
  it('has a mapper for every set the hub receives, keyed by ST01', () => {
    expect(Object.keys(inboundMappers).sort()).toEqual([
      '810',
      '846',
      '850',
      '855',
      '856',
      '860',
      '940',
      '945',
      '947',
      '997',
    ]);
  });

  it.each(Object.entries(EXPECTED))('%s gives the expected outcome per set', async (file, outcomes) => {
    const sets = await setsFromText(readFixture(file));
    const got = sets.map((set) => {
      const mapper = inboundMappers[set.setId];
      if (!mapper) return 'none';
      try {
        const mapped = mapper(set, partnerContext());
        expectValidDocuments(mapped);
        return 'mapped';
      } catch (err) {
        if (isHubError(err) && err.kind === 'data' && err.fieldErrors?.length) return 'data';
        throw err;
      }
    });
    expect(got).toEqual(outcomes);
  });

  it("maps the sets the engine reads from a fixture's bytes exactly as the tests' fixture text", async () => {
    for (const file of Object.keys(EXPECTED)) {
      const text = readFixture(file);
      const engineSets: TransactionSet[] = [];
      await receiveInterchanges(Readable.from([Buffer.from(text, 'latin1')]), {
        onSet: (set) => {
          engineSets.push(set);
          return Promise.resolve();
        },
      });
      const mapAll = (sets: TransactionSet[]) =>
        sets.map((set) => {
          try {
            return inboundMappers[set.setId]?.(set, partnerContext()).documents ?? 'none';
          } catch (err) {
            return isHubError(err) ? err.fieldErrors : err;
          }
        });
      expect(mapAll(engineSets), file).toEqual(mapAll(await setsFromText(text)));
    }
  });

  it('reads every fixture it is told about', () => {
    const present = new Set(readdirSync(FIXTURES));
    expect(Object.keys(EXPECTED).filter((f) => !present.has(f))).toEqual([]);
  });
});
