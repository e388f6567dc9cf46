import fs from 'node:fs';
import { describe, it } from 'vitest';

/** Debian's Chromium (`apt-get install chromium fonts-noto-cjk`, done by .ci/run); CHROMIUM_PATH overrides. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumAvailable = (): boolean => fs.existsSync(CHROMIUM_PATH);

/**
 * A browser suite. Without Chromium it fails under CI=true (nothing may be skipped silently there)
 * and is skipped loudly elsewhere.
 */
export function describeBrowser(name: string, body: () => void): void {
  if (chromiumAvailable()) {
    // A page load and its screenshots take seconds on a busy CI machine: more room than the 30 s default.
    describe(name, { timeout: 90_000 }, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs Chromium', () => {
        throw new Error(`Chromium not found at ${CHROMIUM_PATH}: .ci/run installs it with apt-get install -y chromium fonts-noto-cjk`);
      });
    });
    return;
  }
  console.warn(`\n[browser] SKIPPED "${name}": Chromium not found at ${CHROMIUM_PATH} (apt-get install -y chromium fonts-noto-cjk)\n`);
  describe.skip(name, body);
}
