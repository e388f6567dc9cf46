import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError, PayloadTooLargeError } from '../../errors.ts';
import { AttachmentStorage, formatBytes, sniffMimeType } from './AttachmentStorage.ts';

// Files only: no database involved, so this suite runs once.
describe('AttachmentStorage', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'attachments-test-'));
  const storage = new AttachmentStorage({ root });
  const tmpFiles = () => (fs.existsSync(path.join(root, 'tmp')) ? fs.readdirSync(path.join(root, 'tmp')) : []);
  const storedFiles = () =>
    fs
      .readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.relative(root, path.join(e.parentPath, e.name)));

  beforeEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.mkdirSync(root, { recursive: true });
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('stores a stream under <root>/<sha[0..2]>/<sha> and reads it back', async () => {
    // given
    const content = Buffer.from('%PDF-1.7\n申报表扫描件');
    const sha = createHash('sha256').update(content).digest('hex');
    // when
    const saved = await storage.save(Readable.from([content.subarray(0, 5), content.subarray(5)]), { maxBytes: 1024 });
    // then
    expect(saved).toEqual({ storageKey: `${sha.slice(0, 2)}/${sha}`, size: content.length, sha256: sha });
    expect(fs.readFileSync(path.join(root, sha.slice(0, 2), sha))).toEqual(content);
    expect(await text(storage.open(saved.storageKey))).toBe(content.toString());
    expect(tmpFiles()).toEqual([]);
  });

  it('keeps one file for identical uploads', async () => {
    // when
    const a = await storage.save(Readable.from([Buffer.from('same bytes')]), { maxBytes: 100 });
    const b = await storage.save(Readable.from([Buffer.from('same bytes')]), { maxBytes: 100 });
    // then
    expect(b.storageKey).toBe(a.storageKey);
    expect(storedFiles()).toEqual([a.storageKey]);
  });

  it('accepts exactly maxBytes', async () => {
    // when
    const saved = await storage.save(Readable.from([Buffer.alloc(1024, 1)]), { maxBytes: 1024 });
    // then
    expect(saved.size).toBe(1024);
  });

  it('aborts an oversized stream part-way and deletes the temp file', async () => {
    // given: 5 chunks of 512 bytes against a 1 KB limit; the source would go on if not stopped
    let produced = 0;
    const source = new Readable({
      read() {
        produced++;
        this.push(produced <= 5 ? Buffer.alloc(512, produced) : null);
      },
    });
    // when
    const err = await storage.save(source, { maxBytes: 1024 }).catch((e: unknown) => e);
    // then
    expect(err).toBeInstanceOf(PayloadTooLargeError);
    expect(err).toMatchObject({ status: 413, title: '文件过大,单个文件不得超过 1 KB' });
    expect(tmpFiles()).toEqual([]);
    expect(storedFiles()).toEqual([]);
    expect(source.destroyed).toBe(true);
  });

  it('deletes the temp file also when the first chunk is already too large', async () => {
    // when
    const err = await storage.save(Readable.from([Buffer.alloc(11 * 1024 * 1024)]), { maxBytes: 10 * 1024 * 1024 }).catch((e: unknown) => e);
    // then
    expect(err).toMatchObject({ status: 413, title: '文件过大,单个文件不得超过 10 MB' });
    expect(tmpFiles()).toEqual([]);
  });

  it('deletes the temp file when the source fails', async () => {
    // given
    const failing = new Readable({
      read() {
        this.push(Buffer.from('partial'));
        this.destroy(new Error('connection reset'));
      },
    });
    // when
    const err = (await storage.save(failing, { maxBytes: 1024 }).catch((e: unknown) => e)) as Error;
    // then
    expect(err.message).toBe('connection reset');
    expect(tmpFiles()).toEqual([]);
  });

  it('removes a file, idempotently, and no longer opens it', async () => {
    // given
    const saved = await storage.save(Readable.from([Buffer.from('to be removed')]), { maxBytes: 100 });
    // when
    await storage.remove(saved.storageKey);
    await storage.remove(saved.storageKey);
    // then
    expect(storedFiles()).toEqual([]);
    expect(() => storage.open(saved.storageKey)).toThrow(NotFoundError);
  });

  it('accepts only keys it made, so no key reaches outside the root', () => {
    // then
    expect(() => storage.open('../../etc/passwd')).toThrow(NotFoundError);
    expect(() => storage.open(`ab/${'c'.repeat(64)}/../..`)).toThrow(NotFoundError);
  });

  it('formats limits for the message', () => {
    // then
    expect(formatBytes(10 * 1024 * 1024)).toBe('10 MB');
    expect(formatBytes(1.5 * 1024 * 1024)).toBe('1.5 MB');
    expect(formatBytes(2048)).toBe('2 KB');
    expect(formatBytes(500)).toBe('500 字节');
  });
});

describe('sniffMimeType', () => {
  it('recognises PDF, JPEG and PNG by their magic bytes', () => {
    // then
    expect(sniffMimeType(Buffer.from('%PDF-1.4\n%âãÏÓ'))).toBe('application/pdf');
    expect(sniffMimeType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46]))).toBe('image/jpeg');
    expect(sniffMimeType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]))).toBe('image/png');
  });

  it('returns null for anything else, so a declared type cannot lie', () => {
    // then
    expect(sniffMimeType(Buffer.from('GIF89a'))).toBeNull();
    expect(sniffMimeType(Buffer.from('MZ\x90\x00'))).toBeNull(); // an .exe renamed to .pdf
    expect(sniffMimeType(Buffer.from('<html>%PDF-'))).toBeNull();
    expect(sniffMimeType(Buffer.from('%PDF'))).toBeNull(); // too short to tell
    expect(sniffMimeType(Buffer.from([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
    expect(sniffMimeType(Buffer.alloc(0))).toBeNull();
  });
});
