import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { minimalJpeg, minimalPdf, minimalPng } from '../../../test/support/uploadFixtures.ts';
import { inspectUpload } from './inspectUpload.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inspect-'));
let n = 0;
function file(content: Buffer | string): string {
  const p = path.join(dir, `f${n++}`);
  fs.writeFileSync(p, content);
  return p;
}
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('inspectUpload', () => {
  it('accepts real PDF, JPEG and PNG files by their whole structure', async () => {
    // given / when / then
    expect(await inspectUpload(file(minimalPdf()))).toEqual({ mimeType: 'application/pdf' });
    expect(await inspectUpload(file(minimalJpeg(16, 12)))).toEqual({ mimeType: 'image/jpeg' });
    expect(await inspectUpload(file(minimalPng(16, 12)))).toEqual({ mimeType: 'image/png' });
  });

  it('refuses a PDF header followed by HTML, and a PNG signature followed by SVG', async () => {
    // given
    const htmlPdf = file('%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n');
    const svgPng = file(Buffer.concat([PNG_SIGNATURE, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')]));
    // when
    const [pdf, png] = [await inspectUpload(htmlPdf), await inspectUpload(svgPng)];
    // then
    expect(pdf.mimeType).toBeNull();
    expect(png.mimeType).toBeNull();
    expect((pdf as { reason: string }).reason).toMatch(/PDF/);
    expect((png as { reason: string }).reason).toMatch(/图片/);
  });

  it('refuses truncated images, a JPEG marker without an image, and a PDF without pages', async () => {
    // given
    const png = minimalPng(32, 32);
    const truncatedPng = file(png.subarray(0, png.length - 20));
    const jpegHead = file(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 1)]));
    const noPages = file('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
    // when / then
    expect((await inspectUpload(truncatedPng)).mimeType).toBeNull();
    expect((await inspectUpload(jpegHead)).mimeType).toBeNull();
    expect((await inspectUpload(noPages)).mimeType).toBeNull();
  });

  it('refuses what is none of the accepted types', async () => {
    // given / when
    const r = await inspectUpload(file('MZ\x90\x00 an executable renamed'));
    // then
    expect(r).toEqual({ mimeType: null, reason: '无法识别' });
  });
});
