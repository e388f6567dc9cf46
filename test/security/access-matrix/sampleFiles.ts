import zlib from 'node:zlib';
import ExcelJS from 'exceljs';

/**
 * Small but structurally complete upload files (a PDF with a correct cross-reference table, a PNG
 * with correct CRCs that decodes to one pixel), so the matrix's uploads pass a content check that
 * parses the whole file, not only its first bytes.
 */
function minimalPdf(): Buffer {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 72 72] >>'];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function onePixelPng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0); // width
  ihdr.writeUInt32BE(1, 4); // height
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  const pixels = zlib.deflateSync(Buffer.from([0, 0x33, 0x66, 0x99])); // filter byte + one RGB pixel
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

export const SAMPLE_PDF = minimalPdf();
export const SAMPLE_PNG = onePixelPng();

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The organisation import's sheet with one row: 绵阳市技师学院 of the demo registry as it stands. */
async function organisationsXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('机构名录');
  ws.addRow(['机构编号', '机构名称', '所在地区代码', '市(州)代码', '省级代码', '备案层级', '备案状态', '备案受理日期', '备案日期', '备案职业(工种)代码', '未下放的在蓉省属机构']);
  ws.addRow(['org-my-filed', '绵阳市技师学院(已备案评价机构)', '510703', '510700', '510000', '市级', '已备案', '2023-03-01', '2023-05-10', '4-01-02-01', '否']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
export const SAMPLE_ORGANISATIONS_XLSX = await organisationsXlsx();
