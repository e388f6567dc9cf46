import { execFileSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { startTestPlatform, type TestPlatform } from '../../support/testPlatform.ts';

export interface AppServer {
  t: TestPlatform;
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * A real platform (store, engine, workers, HTTP) serving the built app on a free port, with the
 * given packages deployed and active. The app is built first when missing or stale.
 */
export async function startAppServer(packages: string[] = []): Promise<AppServer> {
  execFileSync(process.execPath, ['scripts/ensure-app.mjs'], { stdio: 'inherit' });
  const t = await startTestPlatform();
  for (const dir of packages) {
    const { version } = await t.platform.services.packages.deployFromDirectory(null, dir);
    await t.platform.services.packages.activate(null, version.hash);
  }
  const server: Server = await new Promise((resolve) => {
    const s = t.platform.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    t,
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await t.close();
    },
  };
}
