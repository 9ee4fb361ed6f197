/** The simulators this repository ships, by the name their port variable (HUB_SIM_<NAME>_PORT) and manifest use. */
export type SimulatorName = 'netsuite' | 'business-central' | 'wms' | 'shopify' | 'supplier-portal';
