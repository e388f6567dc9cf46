import { createHash } from 'node:crypto';

/**
 * sha256 hex over the files sorted by relative path. Each path and content is length-prefixed, so no
 * two different packages can produce the same byte stream: identical content → identical hash, any
 * changed, added, removed or renamed file → a new hash. Bytes, not decoded text, are hashed.
 */
export function computeContentHash(files: Record<string, Uint8Array | string>): string {
  const hash = createHash('sha256');
  hash.update('policy-package/v1\n');
  for (const rel of Object.keys(files).sort()) {
    const name = Buffer.from(rel, 'utf8');
    const body = typeof files[rel] === 'string' ? Buffer.from(files[rel] as string, 'utf8') : Buffer.from(files[rel] as Uint8Array);
    hash.update(`${name.length}:`).update(name).update(`${body.length}:`).update(body);
  }
  return hash.digest('hex');
}
