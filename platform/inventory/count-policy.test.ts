/** The count policy: defaults, every bad field named, and the store's revisions on the real MongoDB-wire server. */
import type { Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/support/database';
import { isHubError } from '../errors';
import { validateCountPolicy } from './count-policy';
import { createCountPolicyStore } from './count-policy-store';
import type { CountPolicyStore } from './count-policy-store';

function fieldErrorsOf(input: unknown): string[] {
  try {
    validateCountPolicy(input);
  } catch (err) {
    if (isHubError(err) && err.kind === 'data') return (err.fieldErrors ?? []).map((f) => f.path);
    throw err;
  }
  return [];
}

describe('count policy validation', () => {
  it('fills in the defaults for thresholds and currency', () => {
    expect(validateCountPolicy({ legalEntityId: 'le_acme_us' })).toEqual({
      legalEntityId: 'le_acme_us',
      approvalThresholdUnits: '10',
      approvalThresholdValue: '500',
      currency: 'USD',
    });
  });

  it('names every bad field by its pointer', () => {
    expect(
      fieldErrorsOf({
        approvalThresholdUnits: -3,
        approvalThresholdValue: '1e3',
        currency: 'usd',
        erpConnectorId: '',
        colour: 'red',
      }).sort(),
    ).toEqual(
      [
        '/approvalThresholdUnits',
        '/approvalThresholdValue',
        '/colour',
        '/currency',
        '/erpConnectorId',
        '/legalEntityId',
      ].sort(),
    );
    expect(fieldErrorsOf([])).toEqual(['/']);
  });
});

describe('count policy store (FerretDB)', () => {
  let client: MongoClient;
  let db: Db;
  let store: CountPolicyStore;

  beforeAll(async () => {
    ({ client, db } = await openTestDatabase('hub_count_policy'));
    store = createCountPolicyStore(db);
    await store.ensureIndexes();
  });
  afterAll(async () => {
    await db?.dropDatabase();
    await client?.close();
  });

  it('answers the defaults for an entity without a policy, and the latest revision once stored', async () => {
    expect(await store.get('le_none')).toBeUndefined();
    expect(await store.effective('le_none')).toMatchObject({ approvalThresholdUnits: '10', currency: 'USD' });
    await store.put({ legalEntityId: 'le_x', approvalThresholdUnits: '4' });
    await store.put({ legalEntityId: 'le_x', approvalThresholdUnits: '6', erpConnectorId: 'con_ns' });
    expect(await store.effective('le_x')).toEqual({
      legalEntityId: 'le_x',
      erpConnectorId: 'con_ns',
      approvalThresholdUnits: '6',
      approvalThresholdValue: '500',
      currency: 'USD',
    });
    await expect(store.put({ legalEntityId: 'le_x', currency: 'EURO' })).rejects.toMatchObject({
      kind: 'data',
      fieldErrors: [{ path: '/currency' }],
    });
  });
});
