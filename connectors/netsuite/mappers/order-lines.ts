/** Finds the NetSuite order line a receipt, shipment or invoice line is posted against. */
import type { NsTransactionLine } from '../types';

/**
 * The line whose canonical line number is `lineNumber` (kept in custcol_hub_line_number when the hub wrote the
 * order), else the first line of `itemId`; undefined when neither matches.
 */
export function matchOrderLine(
  lines: NsTransactionLine[],
  lineNumber: number | undefined,
  itemId: string | undefined,
): NsTransactionLine | undefined {
  if (lineNumber !== undefined) {
    const byNumber =
      lines.find((l) => l.custcol_hub_line_number === lineNumber) ??
      (lines.some((l) => l.custcol_hub_line_number !== undefined)
        ? undefined
        : lines.find((l) => l.line === lineNumber));
    if (byNumber) return byNumber;
  }
  return itemId ? lines.find((l) => l.item?.id === itemId) : undefined;
}
