/** Signals and query of the transfer-order workflow. */
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type {
  TransferCancelSignal,
  TransferReceiptSignal,
  TransferShipmentSignal,
  TransferView,
} from './types';

/** Name of the workflow type. */
export const TRANSFER_ORDER_WORKFLOW = 'transferOrderWorkflow';

/** The source WMS shipped the transfer (a redelivery with the same shipment id changes nothing). */
export const transferShippedSignal = defineSignal<[TransferShipmentSignal]>('transferShipped');
/** The destination WMS received (part of) the transfer (a redelivery with the same receipt id changes nothing). */
export const transferReceivedSignal = defineSignal<[TransferReceiptSignal]>('transferReceived');
/** Cancels the transfer; honoured until the source has shipped. */
export const cancelTransferSignal = defineSignal<[TransferCancelSignal]>('cancelTransfer');
/** The transfer as it stands. */
export const transferStatusQuery = defineQuery<TransferView>('transferStatus');
