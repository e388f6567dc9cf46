import { createHash } from 'node:crypto';
import fs from 'node:fs';

export const BACKUP_FORMAT = 'skill-assessment-platform-backup';
export const BACKUP_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';

/** Tables of the migration tool itself: the target gets its own by running the migrations. */
export const MIGRATION_TABLES = ['knex_migrations', 'knex_migrations_lock'];

export interface TableEntry {
  name: string;
  /** Relative to the backup folder, one JSON object per line. */
  file: string;
  rows: number;
  bytes: number;
  sha256: string;
}

export interface FileEntry {
  storageKey: string;
  file: string;
  bytes: number;
  sha256: string;
}

/** Written last: a folder with a manifest holds a complete backup. */
export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  createdAt: string;
  database: { kind: 'sqlite' | 'mysql'; migrations: string[] };
  tables: TableEntry[];
  attachments: FileEntry[];
  /** The generated data key of an embedded install (DATA_DIR/data-key): without it the sealed ID and mobile numbers cannot be read. Absent when DATA_KEY is configured (the key lives in the operator's secret store). */
  dataKey?: { file: string; bytes: number; sha256: string };
}

/** Where a backup keeps a copied data key file. */
export const DATA_KEY_FILE = 'data-key';

/** A backup or restore that cannot go on; the message is for the operator, in Chinese. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/** A value as JSON can carry it; binary columns are the only ones JSON has no form for. */
export function encodeValue(v: unknown): unknown {
  if (Buffer.isBuffer(v)) return { $base64: v.toString('base64') };
  if (typeof v === 'bigint') return v.toString();
  return v;
}
export function decodeValue(v: unknown): unknown {
  if (v && typeof v === 'object' && '$base64' in (v as object)) return Buffer.from((v as { $base64: string }).$base64, 'base64');
  return v;
}

/** Appends JSON lines to a file synchronously while counting and hashing what was written. */
export class JsonLinesWriter {
  private readonly fd: number;
  private readonly hash = createHash('sha256');
  private chunks: string[] = [];
  private pending = 0;
  rows = 0;
  bytes = 0;

  constructor(file: string) {
    this.fd = fs.openSync(file, 'wx');
  }

  write(row: Record<string, unknown>): void {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row)) out[k] = encodeValue(v);
    const line = `${JSON.stringify(out)}\n`;
    this.chunks.push(line);
    this.pending += line.length;
    this.rows += 1;
    if (this.pending > 1 << 16) this.flush();
  }

  private flush(): void {
    if (!this.chunks.length) return;
    const buf = Buffer.from(this.chunks.join(''), 'utf8');
    fs.writeSync(this.fd, buf);
    this.hash.update(buf);
    this.bytes += buf.length;
    this.chunks = [];
    this.pending = 0;
  }

  close(): { rows: number; bytes: number; sha256: string } {
    this.flush();
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
    return { rows: this.rows, bytes: this.bytes, sha256: this.hash.digest('hex') };
  }
}

export async function sha256File(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}
