/**
 * Checking what a workflow passed before anything is written: every defect is collected and reported at once as a
 * `data` HubError whose field errors name the argument (`/supplies/0/dueDate`, `/receipt/purchaseOrderId`, …).
 */
import { HubError } from '../../platform/errors';
import type { FieldError } from '../../platform/errors';
import { isQuantity } from '../../platform/orders/stock-quantity';

const BUSINESS_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Collects the defects of one activity's arguments. */
export class ArgumentCheck {
  private readonly errors: FieldError[] = [];

  constructor(private readonly what: string) {}

  /** A defect at `path`. */
  add(path: string, message: string): this {
    this.errors.push({ path, message });
    return this;
  }

  /** `value` must be a non-empty string. */
  text(value: unknown, path: string): this {
    if (typeof value === 'string' && value.trim() !== '') return this;
    return this.add(path, 'must be a non-empty string');
  }

  /** `value` must be a non-negative decimal string. */
  quantity(value: unknown, path: string): this {
    return isQuantity(value) ? this : this.add(path, 'must be a non-negative decimal string');
  }

  /** `value` must be a business date (YYYY-MM-DD). */
  date(value: unknown, path: string): this {
    if (typeof value === 'string' && BUSINESS_DATE.test(value)) return this;
    return this.add(path, 'must be a business date (YYYY-MM-DD)');
  }

  /** `value` must be a whole number of at least 1. */
  lineNumber(value: unknown, path: string): this {
    if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return this;
    return this.add(path, 'must be an integer of at least 1');
  }

  /** Throws the `data` HubError naming every defect, when there is any. */
  throwIfAny(): void {
    const first = this.errors[0];
    if (!first) return;
    throw new HubError('data', `${this.what}: ${first.path} ${first.message}`, {
      fieldErrors: [...this.errors],
    });
  }
}
