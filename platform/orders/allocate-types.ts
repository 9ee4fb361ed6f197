/** The allocation planner's input and output shapes (pure types, so workflow code may import them). */
import type { AllocationStrategy } from './policy';
import type { Availability } from './stock-types';

/** One order line to allocate, in the item's base unit. */
export interface AllocationLine {
  lineNumber: number;
  sku: string;
  quantity: string;
}

/** Everything the planner decides from. */
export interface AllocationInput {
  lines: AllocationLine[];
  /** Per SKU (substitutes included), the availability in each warehouse. */
  availability: Record<string, Availability[]>;
  /** Location ids, nearest first; only these are allocated from. */
  warehouseOrder: string[];
  strategy: AllocationStrategy;
  allowSplitShipments: boolean;
  substitutes: Record<string, string[]>;
  isPriorityCustomer: boolean;
  protectedStockPercent: number;
}

/** A planned quantity of one line from one warehouse; `sku` differs from the line's when it is a substitute. */
export interface PlannedAllocation {
  lineNumber: number;
  sku: string;
  locationId: string;
  quantity: string;
  /** The ordered SKU this substitute stands in for. */
  substituteFor?: string;
}

/** What of a line could not be allocated. */
export interface AllocationShortage {
  lineNumber: number;
  sku: string;
  quantity: string;
}

/** The plan: allocations in line order, and the shortages. */
export interface AllocationPlan {
  allocations: PlannedAllocation[];
  shortages: AllocationShortage[];
}
