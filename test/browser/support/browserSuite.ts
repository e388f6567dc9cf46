import { afterAll, afterEach, beforeAll } from 'vitest';
import { BrowserSession } from './BrowserSession.ts';
import { startAppServer, type AppServer } from './appServer.ts';

/**
 * The set-up every browser suite shares: one platform serving the app with the given packages for
 * the suite, and browser sessions that are closed after each test. Call inside `describeBrowser`.
 */
export function browserSuite(packages: string[]): { readonly server: AppServer; open(testName: string): Promise<BrowserSession> } {
  let server: AppServer | undefined;
  const sessions: BrowserSession[] = [];
  beforeAll(async () => {
    server = await startAppServer(packages);
  }, 120_000);
  afterEach(async () => {
    for (const b of sessions.splice(0)) await b.close();
  });
  afterAll(async () => server?.close());
  return {
    get server() {
      if (!server) throw new Error('the app server is not started yet (use it inside a test or hook)');
      return server;
    },
    async open(testName: string) {
      const b = await BrowserSession.open(this.server.baseUrl, testName);
      sessions.push(b);
      return b;
    },
  };
}
