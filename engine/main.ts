import { loadConfig } from './config.ts';
import { createPlatform } from './createPlatform.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './services/demo/demoData.ts';
import { discoverPackageDirs } from './wiring/packageLoader.ts';
import path from 'node:path';
import { WorkerProcesses } from './wiring/workerProcesses.ts';

/** `npm start`: SQLite under ./data, embedded engine, packages in deployments/ deployed and activated, demo accounts. */
async function main(): Promise<void> {
  const config = loadConfig();
  // Process starts and job work run in worker processes of their own (WORKER_PROCESSES=0: in this one).
  const workers = config.workerProcesses > 0 ? new WorkerProcesses(config.workerProcesses, { log: (m) => console.error(`[platform] ${m}`) }) : null;
  const platform = await createPlatform(config, workers ? { mode: 'http', kickStarts: () => workers.kick() } : {});
  await platform.start();
  // Once what a crash left is recovered, the workers come up, while packages deploy and submissions are admitted (durably queued).
  const workersUp = workers?.start().catch((err) => {
    console.error('[platform] 工作进程启动失败', err);
    process.exit(1);
  });

  for (const dir of await discoverPackageDirs(config.deploymentsDir)) {
    const rel = path.relative(config.deploymentsDir, dir);
    try {
      const { version, created } = await platform.services.packages.deployFromDirectory(null, rel);
      await platform.services.packages.activate(null, version.hash);
      console.log(`[platform] 政策包 ${version.packageId} ${created ? '已部署' : '已存在'}并启用,版本 ${version.hash.slice(0, 12)}`);
    } catch (err) {
      const e = err as { title?: string; problems?: Array<{ file?: string; pointer?: string; message: string }> };
      console.error(`[platform] 政策包 ${rel} 未部署:${e.title ?? (err as Error).message}`);
      for (const p of e.problems ?? []) console.error(`  - ${p.file ?? ''}${p.pointer ? ` ${p.pointer}` : ''}: ${p.message}`);
    }
  }
  // The packages just activated date their scheduled jobs now, not at the runner's next poll a minute later.
  await platform.services.scheduledJobs.tick();

  const server = platform.app.listen(config.port, config.host, () => {
    console.log(`[platform] 已启动: http://${config.host}:${config.port}  (引擎 ${platform.engine.kind},数据库 ${platform.db.kind})`);
    console.log(`[platform] API 文档: http://${config.host}:${config.port}/api/openapi.json`);
    if (config.loadDemoData) {
      console.log(`[platform] 演示账号(密码均为 ${DEMO_PASSWORD}):`);
      for (const a of DEMO_ACCOUNTS) console.log(`  ${a.username.padEnd(22)} ${a.role.padEnd(18)} ${a.displayName}${a.orgId ? `(机构 ${a.orgId})` : ''}${a.regionCode && a.role !== 'unit_reviewer' ? `(区划 ${a.regionCode})` : ''}`);
    }
  });

  // A stop finishes the work in hand and exits within seconds; the backlog stays in the durable queue.
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    server.close();
    server.closeIdleConnections();
    await workersUp;
    await workers?.stop();
    await platform.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err) => {
  console.error('[platform] 启动失败', err);
  process.exit(1);
});
