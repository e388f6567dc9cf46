import { expect } from 'vitest';
import { runScenario as run, seedRegistry as seed } from '../../engine/services/tryout/runScenario.ts';
import type { RegistrySeed, Scenario } from '../../engine/services/tryout/scenarioTypes.ts';
import type { TestPlatform } from './testPlatform.ts';

export type { RegistrySeed, Scenario };

/** Writes the scenario's registry state through the registry service, as an administrator's import would. */
export async function seedRegistry(t: TestPlatform, registry: RegistrySeed | undefined): Promise<void> {
  await seed(t.platform, registry);
}

/**
 * Runs one process scenario on a started test platform with the runner the try-out API uses, and
 * fails on any difference from its `then` (with the open incidents, which usually say why).
 * Returns the application id.
 */
export async function runScenario(t: TestPlatform, pkgDir: string, s: Scenario): Promise<string> {
  const result = await run(t.platform, t.clock, pkgDir, s);
  const incidents = result.mismatches.length ? await t.platform.engine.listIncidents({ state: 'OPEN' }) : [];
  expect(result.mismatches, `${s.name}${incidents.length ? `\nincidents: ${JSON.stringify(incidents)}` : ''}`).toEqual([]);
  return result.applicationId;
}
