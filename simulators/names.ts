/** The simulators this repository ships, by the name their port variable (HUB_SIM_<NAME>_PORT) and manifest use. */
export const SIMULATOR_NAMES = ['netsuite', 'business-central', 'wms', 'shopify', 'supplier-portal'] as const;

/** One simulator's name. */
export type SimulatorName = (typeof SIMULATOR_NAMES)[number];
