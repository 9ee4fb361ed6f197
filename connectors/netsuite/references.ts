/**
 * Resolves the canonical ids a write refers to into NetSuite internal ids, collecting every one that cannot be
 * resolved so the write fails once, as a `data` HubError naming each canonical field (e.g. `/customerId`).
 */
import type { ItemReference } from '../../canonical-model/generated/index';
import { MappingProblems } from '../sdk/mapping';
import type { WriteContext } from '../sdk/ports/common';
import type { NetSuiteContext } from './context';
import { findItemId } from './lookup';

/** One write's reference resolution. */
export class References {
  private readonly problems = new MappingProblems('NetSuite');

  constructor(
    private readonly ctx: NetSuiteContext,
    private readonly write: WriteContext,
  ) {}

  /** The NetSuite id of a required reference; records a problem at `path` when there is none. */
  async required(objectType: string, canonicalId: string | undefined, path: string): Promise<string> {
    if (!canonicalId) {
      this.problems.add(path, `is missing; NetSuite needs the ${objectType} it refers to`);
      return '';
    }
    const id = await this.write.references.externalId(objectType, canonicalId);
    if (!id) this.problems.add(path, `${canonicalId} is not linked to a NetSuite ${objectType}`);
    return id ?? '';
  }

  /** The NetSuite id of an optional reference (undefined when the document leaves it out). */
  async optional(
    objectType: string,
    canonicalId: string | undefined,
    path: string,
  ): Promise<string | undefined> {
    return canonicalId ? this.required(objectType, canonicalId, path) : undefined;
  }

  /** The inventory item a line means: its linked canonical item, else its SKU looked up in NetSuite. */
  async item(reference: ItemReference | undefined, path: string): Promise<string> {
    if (reference?.itemId) {
      const id = await this.write.references.externalId('item', reference.itemId);
      if (id) return id;
    }
    const sku = reference?.identifiers.find((i) => i.qualifier === 'SKU')?.value;
    const found = sku ? await findItemId(this.ctx, sku, this.write.signal) : undefined;
    if (!found) {
      this.problems.add(
        path,
        `names no item NetSuite knows (itemId ${reference?.itemId ?? 'none'}, SKU ${sku ?? 'none'})`,
      );
    }
    return found ?? '';
  }

  /** Records a problem found while mapping. */
  add(path: string, message: string): void {
    this.problems.add(path, message);
  }

  /** Throws the `data` HubError for everything unresolved, if anything was. */
  throwIfAny(what: string): void {
    this.problems.throwIfAny(what);
  }
}
