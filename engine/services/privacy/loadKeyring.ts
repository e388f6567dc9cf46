import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Keyring, parseKey } from './Keyring.ts';

export interface DataKeyConfig {
  databaseUrl: string;
  dataDir: string;
  dataKeys: { current?: string; previous: string[]; hashKey?: string };
}

export const KEY_FILE = 'data-key';

/**
 * The keys personal data is sealed with. Configured keys win. Without one, the embedded default
 * (a SQLite file) generates a key once into DATA_DIR (0600) and says so; a MySQL store, i.e.
 * production, refuses to start, since a generated key beside the server would be lost or copied with it.
 */
export function loadKeyring(config: DataKeyConfig, log: (msg: string) => void = () => {}): Keyring {
  const { current, previous, hashKey } = config.dataKeys;
  const extra = {
    previous: previous.map((k, i) => parseKey(k, `DATA_KEYS_PREVIOUS[${i}]`)),
    hashKey: hashKey ? parseKey(hashKey, 'DATA_HASH_KEY') : undefined,
  };
  if (current) return new Keyring({ current: parseKey(current, 'DATA_KEY'), ...extra });
  if (config.databaseUrl.startsWith('mysql:')) {
    throw new Error(
      'DATA_KEY is not set: a MySQL store (production) does not start without the key that encrypts ID and mobile numbers. ' +
        'Set DATA_KEY to 32 random bytes in base64 (node -e "console.log(require(\'crypto\').randomBytes(32).toString(\'base64\'))") and keep it in your secret store.',
    );
  }
  if (config.databaseUrl === 'sqlite::memory:') return new Keyring({ current: randomBytes(32), ...extra });
  const file = path.join(config.dataDir, KEY_FILE);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    try {
      fs.writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
      log(`no DATA_KEY configured: generated a data key at ${file} (mode 0600). Back it up with the database; without it the ID and mobile numbers cannot be read.`);
    } catch (err) {
      // Another process started at the same moment and wrote it first: use theirs.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  return new Keyring({ current: parseKey(fs.readFileSync(file, 'utf8'), file), ...extra });
}
