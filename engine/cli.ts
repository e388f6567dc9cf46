import path from 'node:path';
import { loadConfig } from './config.ts';
import { createPlatform } from './createPlatform.ts';
import { loadPackage } from './packages/index.ts';
import { diffPackages, renderDiff } from './packages/diff/diffPackages.ts';
import { createAdminCommand, readPipedStdin } from './cliCreateAdmin.ts';
import { auditCommand, backupCommand } from './opsCommands.ts';

const USAGE = `用法:
  npm run cli -- validate <包目录>          校验政策包(不部署),列出每个问题的文件与位置
  npm run cli -- deploy <包目录> [--activate] 部署政策包版本(按内容哈希命名),可同时启用
  npm run cli -- activate <版本哈希>         启用已部署的版本
  npm run cli -- list                        列出已部署的版本
  npm run cli -- diff <旧包目录> <新包目录> [--json]  两个版本的差异(规则、表单、流程、日程及条款)
  npm run cli -- create-admin --username <用户名> --region <区划代码>  创建首个管理员(密码从标准输入读取或生成)
  npm run cli -- audit verify                校验审计日志哈希链,指出第一条被修改或删除的记录
  npm run cli -- backup <目录>               在线备份数据库(一致快照)与附件到空目录
  npm run cli -- restore <目录>              把备份恢复到空数据库与空附件目录(先核对校验值)
环境变量 DATABASE_URL 指定数据库(默认 sqlite:./data/platform.sqlite)。`;

async function diffCommand(args: string[]): Promise<number> {
  const dirs = args.filter((a) => !a.startsWith('--'));
  if (dirs.length !== 2) {
    console.error('用法:npm run cli -- diff <旧包目录> <新包目录> [--json]');
    return 2;
  }
  const loaded = await Promise.all(dirs.map((d) => loadPackage(path.resolve(d))));
  for (const [i, r] of loaded.entries()) {
    if (!r.ok) {
      console.error(`失败:${dirs[i]} 校验未通过`);
      for (const p of r.problems.filter((x) => x.severity === 'error')) console.error(`  - ${p.file}${p.pointer ? ` ${p.pointer}` : ''}: ${p.message}`);
      return 1;
    }
  }
  const d = await diffPackages(loaded[0]!.package!, loaded[1]!.package!);
  console.log(args.includes('--json') ? JSON.stringify(d, null, 2) : renderDiff(d));
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [cmd, arg] = argv;
  if (!cmd || cmd === 'help' || cmd === '--help') {
    console.log(USAGE);
    return cmd ? 0 : 2;
  }
  // A diff reads two folders and needs no database.
  if (cmd === 'diff') return diffCommand(argv.slice(1));
  const config = { ...loadConfig(), loadDemoData: false };
  // These work on the store and files only, beside a running platform.
  if (cmd === 'audit') return auditCommand(config, argv.slice(1));
  if (cmd === 'backup' || cmd === 'restore') return backupCommand(config, cmd, arg);
  const platform = await createPlatform(config, { log: () => undefined });
  try {
    const packages = platform.services.packages;
    switch (cmd) {
      case 'validate': {
        if (!arg) throw new Error('缺少包目录');
        const r = await packages.validateDirectory(path.resolve(arg));
        for (const p of r.problems) console.log(`${p.severity === 'warning' ? '警告' : '错误'} ${p.file}${p.pointer ? ` ${p.pointer}` : ''}: ${p.message}`);
        console.log(r.ok ? `校验通过,内容哈希 ${r.contentHash}` : `校验未通过,共 ${r.problems.length} 个问题`);
        return r.ok ? 0 : 1;
      }
      case 'deploy': {
        if (!arg) throw new Error('缺少包目录');
        const rel = path.relative(config.deploymentsDir, path.resolve(arg));
        const { version, created } = await packages.deployFromDirectory(null, rel);
        console.log(`${created ? '已部署' : '已存在'}:${version.packageId} ${version.hash}`);
        if (argv.includes('--activate')) {
          await packages.activate(null, version.hash);
          console.log('已启用');
        }
        return 0;
      }
      case 'activate': {
        if (!arg) throw new Error('缺少版本哈希');
        const v = await packages.activate(null, arg);
        console.log(`已启用:${v.packageId} ${v.hash}`);
        return 0;
      }
      case 'list': {
        for (const v of await packages.loadedVersions()) console.log(`${v.active ? '*' : ' '} ${v.packageId} ${v.hash}`);
        return 0;
      }
      case 'create-admin':
        return await createAdminCommand(platform.services.accounts, argv.slice(1), readPipedStdin, (l) => console.log(l));
      default:
        console.log(USAGE);
        return 2;
    }
  } catch (err) {
    const e = err as { title?: string; detail?: string; problems?: Array<{ file?: string; pointer?: string; message: string }> };
    console.error(`失败:${e.title ?? (err as Error).message}${e.detail ? `(${e.detail})` : ''}`);
    for (const p of e.problems ?? []) console.error(`  - ${p.file ?? ''}${p.pointer ? ` ${p.pointer}` : ''}: ${p.message}`);
    return 1;
  } finally {
    await platform.stop();
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
