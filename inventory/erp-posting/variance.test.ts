/** The count policy's verdict on a count's difference, and which movements the ERP intake posts with what sign. */
import { describe, expect, it } from 'vitest';
import { planPosting } from './plan';
import { judgeVariance } from './variance';

const policy = { approvalThresholdUnits: '10', approvalThresholdValue: '500', currency: 'USD' };
const cost = (amount: string, currency = 'USD') => ({ amount, currency, source: 'erp-valuation' as const });

describe('judgeVariance', () => {
  it('lets a difference at or within both thresholds through, whatever its sign', () => {
    expect(judgeVariance('-10', cost('50'), policy, 'EA')).toEqual({
      varianceValue: '-500',
      reviewReasons: [],
    });
    expect(judgeVariance('0.5', cost('1.1'), policy, 'EA')).toEqual({
      varianceValue: '0.55',
      reviewReasons: [],
    });
  });

  it('holds a difference above the units or the value threshold, saying which', () => {
    expect(judgeVariance('-10.5', cost('1'), policy, 'EA').reviewReasons).toEqual([
      'the count differs by 10.5 EA, above the 10 EA threshold',
    ]);
    expect(judgeVariance('3', cost('166.67'), policy, 'EA').reviewReasons).toEqual([
      'the difference is worth 500.01 USD, above the 500 USD threshold',
    ]);
  });

  it('holds a difference it cannot value: no unit cost, or a cost in another currency', () => {
    expect(judgeVariance('1', undefined, policy, 'EA')).toMatchObject({
      reviewReasons: [expect.any(String)],
    });
    expect(judgeVariance('1', cost('2', 'EUR'), policy, 'EA').varianceValue).toBeUndefined();
    expect(judgeVariance('1', cost('2', 'EUR'), policy, 'EA').reviewReasons[0]).toContain('EUR');
  });
});

describe('planPosting', () => {
  it('skips what the hub flows post and what only moves held stock', () => {
    for (const type of ['pick', 'receipt', 'return', 'hold', 'release'] as const)
      expect(planPosting({ type, direction: 'in' }, '3').action).toBe('skip');
  });

  it('posts adjustments and each leg of a transfer with the sign of its direction; counts go to the policy', () => {
    expect(planPosting({ type: 'adjustment', direction: 'out' }, '2')).toEqual({
      action: 'post',
      quantityDelta: '-2',
    });
    expect(planPosting({ type: 'transfer', direction: 'in' }, '4')).toEqual({
      action: 'post',
      quantityDelta: '4',
    });
    expect(planPosting({ type: 'transfer', direction: 'out' }, '0').action).toBe('skip');
    expect(planPosting({ type: 'count', direction: 'out' }, '25')).toEqual({
      action: 'count',
      varianceUnits: '-25',
    });
  });
});
