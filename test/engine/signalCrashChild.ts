/**
 * Child process of signalCrash.test.ts: opens the store the test prepared, broadcasts a signal and dies
 * by SIGKILL at the crash point named on the command line, as a power cut there would.
 */
import { EmbeddedEngine } from '../../engine/adapters/embedded/EmbeddedEngine.ts';
import { Keyring } from '../../engine/services/privacy/index.ts';
import { armCrashPoints } from '../../engine/reliability/crashPoint.ts';
import { createDb } from '../../engine/store/createDb.ts';

const [file, point, key] = process.argv.slice(2) as [string, string, string];
armCrashPoints([point]);
const db = await createDb(`sqlite:${file}`, { keyring: new Keyring({ current: Buffer.from(key, 'base64') }) });
const engine = new EmbeddedEngine(db, {});
await engine.broadcastSignal({ name: 'policy-changed', variables: { policyVersion: 3 } });
// Reaching this line means the crash point was never passed.
process.exit(3);
