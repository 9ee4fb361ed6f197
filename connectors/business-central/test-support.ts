/** Shared setup of the Business Central tests: a started simulator and a config that points at it. */
import { createBusinessCentralSimulator } from '../../simulators/business-central/index';
import type { BcSimSettings } from '../../simulators/business-central/index';
import type { Simulator } from '../../simulators/kit/simulator';
import { simulatorControl } from '../../simulators/kit/control';
import type { ReferenceResolver, WriteContext } from '../sdk/ports/common';
import type { BusinessCentralConfig } from './config-schema';

/** A validated-shape config for a simulator at `url`. */
export function simConfig(url: string, settings: BcSimSettings): BusinessCentralConfig {
  return {
    baseUrl: url,
    authorityUrl: url,
    scope: 'https://api.businesscentral.dynamics.com/.default',
    tenantId: settings.tenantId,
    environment: settings.environment,
    companyId: settings.companyId,
    clientId: '6a3c1f2e-0b5d-4c8e-9f7a-1d2e3f4a5b6c',
    clientSecret: settings.clientSecret,
    legalEntityId: 'le_contoso_us',
    localCurrency: 'USD',
    timeoutMs: 10_000,
  };
}

/** Starts a simulator on a free loopback port whose client id matches `simConfig`. */
export async function startSim(settings: Partial<BcSimSettings> = {}) {
  const sim: Simulator<BcSimSettings> = createBusinessCentralSimulator({
    settings: { clientId: '6a3c1f2e-0b5d-4c8e-9f7a-1d2e3f4a5b6c', ...settings },
  });
  await sim.start(0);
  return { sim, control: simulatorControl(sim.url), config: simConfig(sim.url, sim.settings) };
}

/** A write context whose references come from a map keyed "objectType:canonicalId". */
export function writeContext(links: Record<string, string>, idempotencyKey = 'test-key'): WriteContext {
  const references: ReferenceResolver = {
    externalId: (objectType, canonicalId) => Promise.resolve(links[`${objectType}:${canonicalId}`]),
  };
  return { references, idempotencyKey };
}
