import { randomBytes } from 'node:crypto';
import { Keyring } from '../../engine/services/privacy/index.ts';

/**
 * One data key per test file: a store opened twice (or by a CLI child process through `DATA_KEY`)
 * must read what it sealed, so tests share this key instead of an ephemeral one per connection.
 */
export const TEST_DATA_KEY = randomBytes(32).toString('base64');

export function testKeyring(): Keyring {
  return new Keyring({ current: Buffer.from(TEST_DATA_KEY, 'base64') });
}
