import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PayloadTooLargeError } from '../../errors.ts';

/** Uploaded files on disk, content-addressed by sha256 (never base64 in JSON or in the database). */
export class AttachmentStorage {
  private readonly root: string;

  constructor(opts: { root: string }) {
    this.root = path.resolve(opts.root);
  }

  async save(stream: Readable, opts: { maxBytes: number }): Promise<{ storageKey: string; size: number; sha256: string }> {
    const tmpDir = path.join(this.root, 'tmp');
    await fs.promises.mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        size += chunk.length;
        if (size > opts.maxBytes) return cb(new PayloadTooLargeError('文件过大', `单个文件不得超过 ${Math.round(opts.maxBytes / 1024 / 1024)} MB`));
        hash.update(chunk);
        cb(null, chunk);
      },
    });
    try {
      await pipeline(stream, meter, fs.createWriteStream(tmp));
    } catch (err) {
      await fs.promises.rm(tmp, { force: true });
      throw err;
    }
    const sha256 = hash.digest('hex');
    const storageKey = `${sha256.slice(0, 2)}/${sha256}`;
    const target = path.join(this.root, storageKey);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    await fs.promises.rename(tmp, target);
    return { storageKey, size, sha256 };
  }

  open(storageKey: string): Readable {
    return fs.createReadStream(this.resolve(storageKey));
  }

  async remove(storageKey: string): Promise<void> {
    await fs.promises.rm(this.resolve(storageKey), { force: true });
  }

  private resolve(storageKey: string): string {
    if (!/^[0-9a-f]{2}\/[0-9a-f]{64}$/.test(storageKey)) throw new Error(`invalid storage key ${storageKey}`);
    return path.join(this.root, storageKey);
  }
}

/** The real type of an upload by its magic bytes, so a declared type cannot lie. */
export function sniffMimeType(head: Buffer): string | null {
  if (head.length >= 5 && head.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return null;
}
