/** Exact decimal arithmetic for connectors: the canonical model's (kept there so workflow code can use it too). */
export * from '../../canonical-model/decimal';
