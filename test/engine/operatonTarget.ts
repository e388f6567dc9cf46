import { OperatonEngine } from '../../engine/adapters/operaton/OperatonEngine.ts';
import { OperatonRest } from '../../engine/adapters/operaton/OperatonRest.ts';

/**
 * The Operaton nodes the engine tests run on, from the environment `node scripts/operaton.mjs env`
 * prints (OPERATON_URL: comma-separated node URLs, OPERATON_USER, OPERATON_PASSWORD). Without
 * OPERATON_URL the Operaton runs are skipped loudly; with CI=true and nodes configured but not
 * answering, the run fails rather than skipping.
 */
export const OPERATON_URLS = (process.env.OPERATON_URL ?? '').split(',').map((u) => u.trim()).filter(Boolean);
export const operatonAuth = { user: process.env.OPERATON_USER ?? 'platform', password: process.env.OPERATON_PASSWORD ?? '' };

async function reachable(): Promise<boolean> {
  if (!OPERATON_URLS.length) return false;
  try {
    await new OperatonRest(OPERATON_URLS, operatonAuth.user, operatonAuth.password).call('GET', '/engine', undefined, { timeoutMs: 5000 });
    return true;
  } catch (err) {
    if (process.env.CI === 'true') throw new Error(`OPERATON_URL is set (${OPERATON_URLS.join(', ')}) but no Operaton node answers: ${(err as Error).message}`);
    console.warn(`[operaton] nodes at ${OPERATON_URLS.join(', ')} do not answer: the Operaton engine runs are SKIPPED`);
    return false;
  }
}

export const operatonUp = await reachable();
if (!OPERATON_URLS.length) console.warn('[operaton] OPERATON_URL not set: the Operaton engine runs are SKIPPED (node scripts/operaton.mjs start; eval "$(node scripts/operaton.mjs env)")');

export function makeOperaton(db: ConstructorParameters<typeof OperatonEngine>[0], log?: (m: string) => void, now?: () => number): OperatonEngine {
  return new OperatonEngine(db, { urls: OPERATON_URLS, ...operatonAuth, pollMs: 100, jobPollMs: 50, log, now });
}

/** Between tests: nothing deployed, nothing running, the clock back at the wall clock (all nodes). */
export async function resetOperaton(): Promise<void> {
  const rest = new OperatonRest(OPERATON_URLS, operatonAuth.user, operatonAuth.password);
  const deployments = await rest.call<Array<{ id: string }>>('GET', '/deployment');
  for (const d of deployments) await rest.call('DELETE', `/deployment/${d.id}?cascade=true&skipCustomListeners=true&skipIoMappings=true`).catch(() => undefined);
  await setOperatonClock(0);
}

export async function setOperatonClock(offsetMs: number): Promise<void> {
  await new OperatonRest(OPERATON_URLS, operatonAuth.user, operatonAuth.password).eachNode('PUT', '/platform-test/clock', String(offsetMs));
}
