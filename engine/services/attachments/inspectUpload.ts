import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import fs from 'node:fs';
import { sniffMimeType } from './AttachmentStorage.ts';

export type InspectedMime = 'application/pdf' | 'image/jpeg' | 'image/png';

export type Inspection = { mimeType: InspectedMime } | { mimeType: null; reason: string };

/** Largest image accepted, in pixels: an A3 page scanned at 600 dpi is about 70 MP; a decompression bomb is far more. */
export const MAX_IMAGE_PIXELS = 80_000_000;
/** A file that takes longer than this to parse is refused rather than allowed to hold a thread. */
const INSPECT_TIMEOUT_MS = 30_000;

// The full parse runs in a worker thread: decoding a 10 MB photo in JavaScript takes seconds, which
// must not stall every other request. The worker is plain CommonJS (the libraries are), so it runs
// the same under tsx, vitest and node; it stays up between uploads, as starting one costs ~200 ms.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const req = require('node:module').createRequire(workerData.base);
const fs = require('node:fs');
async function inspect(file, mime, maxPixels) {
  const buf = fs.readFileSync(file);
  if (mime === 'application/pdf') {
    const { PDFDocument } = req('pdf-lib');
    const doc = await PDFDocument.load(buf, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: true });
    return doc.getPageCount() < 1 ? { ok: false, reason: 'PDF 文件没有页面' } : { ok: true };
  }
  const { imageSize } = req('image-size');
  const probe = imageSize(buf);
  const expected = mime === 'image/png' ? 'png' : 'jpg';
  if (probe.type !== expected || !probe.width || !probe.height) return { ok: false, reason: '图片文件已损坏' };
  if (probe.width * probe.height > maxPixels) return { ok: false, reason: '图片尺寸过大(' + probe.width + '×' + probe.height + ')' };
  if (mime === 'image/png') req('pngjs').PNG.sync.read(buf, { checkCRC: true });
  else req('jpeg-js').decode(buf, { useTArray: true, maxResolutionInMP: maxPixels / 1e6, maxMemoryUsageInMB: 1024, tolerantDecoding: false });
  return { ok: true };
}
parentPort.on('message', ({ id, file, mime, maxPixels }) => {
  inspect(file, mime, maxPixels).then((r) => parentPort.postMessage({ id, ...r }), () => parentPort.postMessage({ id, ok: false }));
});
`;

// Resolves the libraries from this package, wherever the worker runs.
const BASE = createRequire(import.meta.url).resolve('pdf-lib');

type Verdict = { ok: boolean; reason?: string };
let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<number, (v: Verdict) => void>();

function failAll(reason?: string): void {
  for (const resolve of pending.values()) resolve({ ok: false, reason });
  pending.clear();
}

function inspector(): Worker {
  if (worker) return worker;
  const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { base: BASE }, resourceLimits: { maxOldGenerationSizeMb: 1536 } });
  w.on('message', ({ id, ...v }: Verdict & { id: number }) => {
    pending.get(id)?.(v);
    pending.delete(id);
  });
  // Out of memory or killed: every file it held is refused, and the next upload gets a new worker.
  w.on('error', () => undefined);
  w.on('exit', () => {
    if (worker === w) worker = null;
    failAll();
  });
  // After the listeners: attaching one to the worker's message port refs it again.
  w.unref(); // an idle inspector never keeps the process alive
  worker = w;
  return w;
}

function inspectInWorker(file: string, mime: InspectedMime): Promise<Verdict> {
  return new Promise((resolve) => {
    const id = nextId++;
    const w = inspector();
    const timer = setTimeout(() => {
      // A file that holds the parser this long is refused; the worker is replaced so it cannot hang the next one.
      pending.delete(id);
      resolve({ ok: false, reason: '文件解析超时' });
      if (worker === w) worker = null;
      void w.terminate();
    }, INSPECT_TIMEOUT_MS);
    timer.unref();
    pending.set(id, (v) => {
      clearTimeout(timer);
      resolve(v);
    });
    w.postMessage({ id, file, mime, maxPixels: MAX_IMAGE_PIXELS });
  });
}

/**
 * The real type of an upload by its whole structure, not its first bytes: a PDF must parse as a PDF
 * with at least one page (pdf-lib), an image must decode completely (image-size for the header and
 * dimensions, then pngjs or jpeg-js). So `%PDF-` followed by HTML, or a PNG signature followed by
 * SVG, is refused. All pure JavaScript: no native build on a fresh machine.
 */
export async function inspectUpload(file: string): Promise<Inspection> {
  const head = Buffer.alloc(16);
  const fd = await fs.promises.open(file, 'r');
  try {
    await fd.read(head, 0, 16, 0);
  } finally {
    await fd.close();
  }
  const sniffed = sniffMimeType(head);
  if (!sniffed) return { mimeType: null, reason: '无法识别' };
  const damaged = sniffed === 'application/pdf' ? 'PDF 文件已损坏或不是真正的 PDF' : '图片文件已损坏或不是真正的图片';
  const result = await inspectInWorker(file, sniffed);
  return result.ok ? { mimeType: sniffed } : { mimeType: null, reason: result.reason ?? damaged };
}
