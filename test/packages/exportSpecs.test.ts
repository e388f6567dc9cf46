import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPackage } from '../../engine/packages/index.ts';
import { packageDirectories } from '../support/packageDirectories.ts';

/**
 * The summary tables (汇总表) are the notices' own: title, column headers in order and footer as
 * the seed text has them (line breaks inside a header cell are the notice's layout), each column
 * naming a clause of the package's clause index.
 */
const flat = (s: string) => s.replace(/\s+/g, '');
// The seeds live beside the checkout (../shared), and two levels up from a worktree under wt/.
const SEEDS = [path.resolve('..', 'shared', 'seeds'), path.resolve('..', '..', 'shared', 'seeds')].find((d) => fs.existsSync(d));
if (!SEEDS && process.env.CI === 'true') throw new Error('the notice seeds (shared/seeds) are required in CI');

const NOTICE_TABLES = [
  {
    dir: 'deployments/sichuan/2021-examiner-training',
    id: 'examinerTraining',
    attachment: '附件2',
    title: '四川省技能人才评价考评员资格培训(复核)汇总表',
    headers: ['序号', '工作单位', '姓名', '性别', '身份证号码', '文化程度', '现职业资格(专业技术职务)', '申报考评职业(工种)', '联系电话', '通讯地址'],
    preamble: ['填报单位:(盖章)'],
    footerStarts: ['经办人:'],
  },
  {
    dir: 'deployments/sichuan/2024-renewal',
    id: 'examinerRenewal',
    attachment: '附件2',
    title: '四川省技能人才评价考评员资格复核汇总表',
    headers: ['序号', '工作单位', '姓名', '性别', '身份证号码', '文化程度', '现职业资格(专业技术职称)', '申报考评职业(工种)', '联系电话', '通讯地址'],
    preamble: ['填报单位：（盖章）'],
    footerStarts: ['经办人：'],
  },
  {
    dir: 'deployments/sichuan/2024-renewal',
    id: 'supervisorRenewal',
    attachment: '附件4',
    title: '四川省技能人才评价质量督导员复核汇总表',
    headers: ['序号', '身份证号码', '姓名', '性别', '出生日期', '民族', '政治面貌', '文化程度', '工作年限', '电子邮箱', '从事职业', '联系方式', '工作单位', '督导次数', '督导地点', '原证卡编号', '通讯地址'],
    preamble: [],
    footerStarts: ['地区/单位（盖章）：', '经办人：', '填表说明：', '1.出生日期格式必须为：yyyy-mm-dd，为文本类型。', '2.政治面貌', '3.文化程度', '4.每项信息均为必填项。'],
  },
];

describe('summary tables of the notices', () => {
  it.each(NOTICE_TABLES)('$dir $attachment has exactly the notice\'s title, columns and footer', async (t) => {
    // given
    const r = await loadPackage(t.dir);
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const spec = r.package!.exports[t.id]!;
    const seed = SEEDS ? fs.readFileSync(path.join(SEEDS, r.package!.manifest.notice.seedFile), 'utf8') : null;

    // then: as the notice has it
    expect(spec.attachment).toBe(t.attachment);
    expect(spec.title).toBe(t.title);
    if (seed) {
      expect(seed).toContain(t.title);
      // every column header is in the seed, in this order, after the attachment's heading
      const table = flat(seed.slice(seed.lastIndexOf(t.title)));
      let at = 0;
      for (const h of t.headers) {
        const i = table.indexOf(h, at);
        expect(i, h).toBeGreaterThanOrEqual(at);
        at = i + h.length;
      }
    } else console.warn('*** shared/seeds not found: the seed text comparison is skipped ***');
    expect(spec.columns.map((c) => flat(c.header))).toEqual(t.headers);
    expect(spec.headerRows.length).toBe(1);
    expect(spec.preambleLines ?? []).toEqual(t.preamble);
    expect((spec.footerLines ?? []).map(flat)).toEqual(t.footerStarts.map((s, i) => expect.stringMatching(new RegExp(`^${flat(s).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)) ?? i));
    expect(spec.page).toEqual({ paperSize: 'A4', orientation: 'landscape', repeatHeaderRows: true });
    // the full ID number is marked personal (its export is audited)
    expect(spec.columns.filter((c) => c.personal).map((c) => flat(c.header))).toEqual(['身份证号码']);
  });

  it.each(packageDirectories().map((d) => path.join('deployments', d)))('%s: every column of every export names a clause of the package\'s index', async (dir) => {
    // given
    const r = await loadPackage(dir);
    const pkg = r.package!;
    const indexed = new Set(pkg.manifest.clauses.map((c) => c.id));

    // then
    for (const [id, spec] of Object.entries(pkg.exports)) {
      expect(indexed.has(spec.clause), `${id} → ${spec.clause}`).toBe(true);
      for (const c of spec.columns) expect(indexed.has(c.clause), `${id}/${c.header} → ${c.clause}`).toBe(true);
      // and the clause of the table names the export file as its implementation
      const ref = pkg.manifest.exports!.find((e) => e.id === id)!;
      expect(pkg.manifest.clauses.find((c) => c.id === spec.clause)!.implementedBy).toContain(ref.file);
    }
  });

  it('has no package-specific names in the platform code that reads and writes the tables', () => {
    // given: the platform files of the list and the export
    const platformFiles = ['engine/services/review', 'engine/services/exports', 'engine/packages/checkExportSpec.ts', 'engine/packages/exportHeaderGrid.ts', 'engine/http/routes/reviewRoutes.ts'].flatMap((p) =>
      fs.statSync(p).isDirectory() ? fs.readdirSync(p).filter((f) => !f.endsWith('.test.ts')).map((f) => path.join(p, f)) : [p],
    );
    const code = platformFiles.map((f) => fs.readFileSync(f, 'utf8')).join('\n');

    // then: no export id, title or column of any package appears in it
    for (const t of NOTICE_TABLES) {
      expect(code).not.toContain(t.id);
      expect(code).not.toContain(t.title);
      // (身份证号码 is the platform's own vocabulary: it masks and audits ID numbers whatever the package)
      for (const h of t.headers.filter((h) => h.length > 2 && h !== '身份证号码')) expect(code, h).not.toContain(h);
    }
  });
});
