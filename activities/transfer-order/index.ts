/** The transfer-order activities, built from their ports (the worker registers them by name). */
import type { TransferView } from '../../workflows/transfer-order/types';
import type { TransferActivityDeps } from './deps';
import {
  bookTransferReceipt,
  bookTransferShipment,
  releaseTransferStock,
  reserveTransferStock,
} from './stock';
import { cancelTransferAtSource, expectTransferAtDestination, releaseTransferToSource } from './warehouse';

/** Every transfer-order activity over `deps`. */
export function createTransferActivities(deps: TransferActivityDeps) {
  return {
    reserveTransferStock: reserveTransferStock(deps),
    releaseTransferStock: releaseTransferStock(deps),
    releaseTransferToSource: releaseTransferToSource(deps),
    expectTransferAtDestination: expectTransferAtDestination(deps),
    cancelTransferAtSource: cancelTransferAtSource(deps),
    bookTransferShipment: bookTransferShipment(deps),
    bookTransferReceipt: bookTransferReceipt(deps),
    /** Stores the transfer's view (the store keeps the highest version). */
    saveTransferView: async (view: TransferView): Promise<void> => {
      await deps.transfers.save(view);
    },
  };
}

/** The transfer-order activities, as the workflow proxies them. */
export type TransferActivities = ReturnType<typeof createTransferActivities>;

export type { TransferActivityDeps } from './deps';
