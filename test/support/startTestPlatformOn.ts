import { freshMysqlDatabase, type StoreTarget } from './stores.ts';
import { startTestPlatform, type TestPlatform } from './testPlatform.ts';

/**
 * A test platform on one store target: SQLite in a temp folder, or a fresh MySQL database of its own
 * (parallel test files never share tables) that is dropped when the platform closes.
 */
export async function startTestPlatformOn(store: StoreTarget, opts: Omit<Parameters<typeof startTestPlatform>[0] & object, 'databaseUrl'> = {}): Promise<TestPlatform> {
  if (store.name !== 'mysql') return startTestPlatform(opts);
  const fresh = await freshMysqlDatabase(store.url);
  let t: TestPlatform;
  try {
    t = await startTestPlatform({ ...opts, databaseUrl: fresh.url });
  } catch (err) {
    await fresh.drop();
    throw err;
  }
  const close = t.close.bind(t);
  t.close = async () => {
    try {
      await close();
    } finally {
      await fresh.drop();
    }
  };
  return t;
}
