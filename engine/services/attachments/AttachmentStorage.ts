import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { NotFoundError, PayloadTooLargeError } from '../../errors.ts';

export interface SavedFile {
  /** `<sha[0..2]>/<sha>`, relative to the storage root. */
  storageKey: string;
  size: number;
  sha256: string;
}

const STORAGE_KEY = /^[0-9a-f]{2}\/[0-9a-f]{64}$/;
const TMP_DIR = 'tmp';

/**
 * Uploaded files on disk, content-addressed by sha256 (never base64 in JSON or in the database).
 * Identical uploads share one file, so a caller removes a key only when no attachment row uses it.
 */
export class AttachmentStorage {
  readonly root: string;

  constructor(opts: { root: string }) {
    this.root = path.resolve(opts.root);
  }

  /**
   * Streams to a temp file while hashing and counting, then moves it into place. Over maxBytes the
   * copy stops at once, the temp file is deleted and PayloadTooLargeError thrown.
   */
  async save(stream: NodeJS.ReadableStream, opts: { maxBytes: number }): Promise<SavedFile> {
    if (!(Number.isInteger(opts.maxBytes) && opts.maxBytes > 0)) throw new Error(`maxBytes must be a positive integer, got ${opts.maxBytes}`);
    // The temp file lives under the root so the final rename stays on one file system (atomic).
    const tmpDir = path.join(this.root, TMP_DIR);
    await fs.promises.mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer | string, _enc, cb) {
        const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        size += buf.length;
        if (size > opts.maxBytes) return cb(tooLarge(opts.maxBytes));
        hash.update(buf);
        cb(null, buf);
      },
    });
    try {
      await pipeline(stream, meter, fs.createWriteStream(tmp, { flags: 'wx' }));
      const sha256 = hash.digest('hex');
      const storageKey = `${sha256.slice(0, 2)}/${sha256}`;
      const target = path.join(this.root, storageKey);
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      // Same name means same bytes: replacing an existing copy is harmless.
      await fs.promises.rename(tmp, target);
      return { storageKey, size, sha256 };
    } catch (err) {
      await fs.promises.rm(tmp, { force: true });
      throw err;
    }
  }

  /** A read stream of a stored file; NotFoundError if it is not there. */
  open(storageKey: string): Readable {
    const file = this.resolve(storageKey);
    if (!fs.existsSync(file)) throw new NotFoundError('附件文件', storageKey);
    return fs.createReadStream(file);
  }

  /** Deletes a stored file; removing one that is already gone is not an error. */
  async remove(storageKey: string): Promise<void> {
    await fs.promises.rm(this.resolve(storageKey), { force: true });
  }

  private resolve(storageKey: string): string {
    // Only keys this class made are accepted, so no key can point outside the root.
    if (!STORAGE_KEY.test(storageKey)) throw new NotFoundError('附件文件', storageKey);
    return path.join(this.root, storageKey);
  }
}

function tooLarge(maxBytes: number): PayloadTooLargeError {
  return new PayloadTooLargeError(`文件过大,单个文件不得超过 ${formatBytes(maxBytes)}`, `上传内容超过 ${maxBytes} 字节`);
}

/** 10485760 → "10 MB", 1572864 → "1.5 MB", 2048 → "2 KB". */
export function formatBytes(n: number): string {
  const trim = (x: number) => String(Number(x.toFixed(1)));
  if (n >= 1024 * 1024) return `${trim(n / 1024 / 1024)} MB`;
  if (n >= 1024) return `${trim(n / 1024)} KB`;
  return `${n} 字节`;
}

/** How many leading bytes sniffMimeType needs. */
export const SNIFF_BYTES = 8;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * The real type of an upload by its magic bytes, so a declared type or file name cannot lie.
 * PDF, JPEG and PNG are recognised; anything else is null.
 */
export function sniffMimeType(firstBytes: Uint8Array): 'application/pdf' | 'image/jpeg' | 'image/png' | null {
  const b = firstBytes;
  const startsWith = (sig: number[]) => b.length >= sig.length && sig.every((v, i) => b[i] === v);
  if (startsWith([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // "%PDF-"
  if (startsWith([0xff, 0xd8, 0xff])) return 'image/jpeg'; // SOI + the first marker
  if (startsWith(PNG_SIGNATURE)) return 'image/png';
  return null;
}
