import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/** Sealed values read `enc:v1:<key id>:<base64url(iv · tag · ciphertext)>`, so a key can be rotated and old rows still read. */
export const SEALED_PREFIX = 'enc:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface KeyringInput {
  /** The key new values are sealed with: 32 bytes. */
  current: Buffer;
  /** Older keys, still accepted for reading; the last one is the oldest. */
  previous?: Buffer[];
  /** Key of the keyed look-up hash; derived from the oldest key when not given, so rotating DATA_KEY keeps look-ups. */
  hashKey?: Buffer;
}

/** A key's id: the start of its SHA-256, so ids never collide in practice and no key material is printed. */
export function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

export function parseKey(base64: string, label: string): Buffer {
  const key = Buffer.from(base64.trim(), 'base64');
  if (key.length !== 32) throw new Error(`${label} must be 32 bytes in base64 (got ${key.length} bytes); generate one with: node -e "console.log(require('crypto').randomBytes(32).toString('base64'))"`);
  return key;
}

/** AES-256-GCM sealing and HMAC-SHA256 look-up keys with node:crypto. */
export class Keyring {
  private readonly keys = new Map<string, Buffer>();
  private readonly currentId: string;
  private readonly hashKey: Buffer;

  constructor(input: KeyringInput) {
    for (const k of [input.current, ...(input.previous ?? [])]) {
      if (k.length !== 32) throw new Error('data keys must be 32 bytes');
      this.keys.set(keyId(k), k);
    }
    this.currentId = keyId(input.current);
    const oldest = input.previous?.length ? input.previous[input.previous.length - 1]! : input.current;
    this.hashKey = input.hashKey ?? Buffer.from(hkdfSync('sha256', oldest, Buffer.alloc(0), 'platform personal-data lookup hash', 32));
  }

  /** A throw-away keyring (in-memory stores of tests): nothing sealed with it outlives the process. */
  static ephemeral(): Keyring {
    return new Keyring({ current: randomBytes(32) });
  }

  get keyId(): string {
    return this.currentId;
  }

  encrypt(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentId)!, iv);
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${SEALED_PREFIX}${this.currentId}:${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url')}`;
  }

  /** The clear text, or undefined when the value is not sealed by a key of this ring (or was altered). */
  tryDecrypt(sealed: string): string | undefined {
    if (!sealed.startsWith(SEALED_PREFIX)) return undefined;
    const rest = sealed.slice(SEALED_PREFIX.length);
    const colon = rest.indexOf(':');
    const key = colon > 0 ? this.keys.get(rest.slice(0, colon)) : undefined;
    if (!key) return undefined;
    const raw = Buffer.from(rest.slice(colon + 1), 'base64url');
    if (raw.length < IV_BYTES + TAG_BYTES) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }

  decrypt(sealed: string): string {
    const plain = this.tryDecrypt(sealed);
    if (plain === undefined) throw new Error(`cannot decrypt a sealed value (key ${sealed.slice(SEALED_PREFIX.length).split(':')[0]} unknown or value altered): check DATA_KEY / DATA_KEYS_PREVIOUS`);
    return plain;
  }

  /** Keyed hash (HMAC-SHA256, hex): the same input always gives the same look-up key, and nobody without the key can test guesses. */
  hash(value: string): string {
    return createHmac('sha256', this.hashKey).update(value, 'utf8').digest('hex');
  }
}
