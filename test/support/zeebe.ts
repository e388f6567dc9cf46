/** The local broker (node scripts/zeebe.mjs start): required with CI=true, otherwise optional and loudly skipped. */
export const ZEEBE_GATEWAY = process.env.ZEEBE_ADDRESS ?? '127.0.0.1:26500';
export const ZEEBE_MONITOR = process.env.ZEEBE_MONITOR_URL ?? 'http://127.0.0.1:9600';

async function reachable(): Promise<boolean> {
  try {
    const res = await fetch(`${ZEEBE_MONITOR}/actuator/health/readiness`, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

export const zeebeUp = await reachable();
if (!zeebeUp) {
  if (process.env.CI === 'true') throw new Error(`a Zeebe broker is required in CI but not ready at ${ZEEBE_MONITOR} (start it with node scripts/zeebe.mjs start)`);
  console.warn(`\n*** WARNING: no Zeebe broker at ${ZEEBE_MONITOR}: the Zeebe runs are SKIPPED (start one with node scripts/zeebe.mjs start). ***\n`);
}

/** The broker's controllable clock (ZEEBE_CLOCK_CONTROLLED=true). */
export const brokerClock = {
  async pin(epochMilli: number): Promise<void> {
    await clock('pin', { epochMilli });
  },
  async add(offsetMilli: number): Promise<void> {
    await clock('add', { offsetMilli });
  },
  async reset(): Promise<void> {
    const res = await fetch(`${ZEEBE_MONITOR}/actuator/clock`, { method: 'DELETE' });
    if (!res.ok) throw new Error(`broker clock reset: ${res.status}`);
  },
};

async function clock(op: 'pin' | 'add', body: object): Promise<void> {
  const res = await fetch(`${ZEEBE_MONITOR}/actuator/clock/${op}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`broker clock ${op}: ${res.status}`);
}
