import { loadConfig } from './config.ts';
import { createPlatform } from './createPlatform.ts';
import { crashPointsAlsoKill } from './reliability/crashPoint.ts';
import { maskInText } from './services/privacy/index.ts';

/**
 * A worker process of a split platform (forked by wiring/workerProcesses.ts with its index and the
 * worker count): process starts, job workers, timers and scheduled jobs on a store connection of
 * its own. It lives and dies with its HTTP process.
 */
async function main(): Promise<void> {
  const began = performance.now();
  const [index, count] = process.argv.slice(2).map(Number);
  const config = loadConfig();
  const tag = `[worker ${index}]`;
  const log = (msg: string, err?: unknown) => console.error(`${tag} ${maskInText(msg)}`, err instanceof Error ? maskInText(err.stack ?? err.message) : (err ?? ''));
  let stopping = false;
  // The HTTP process is gone without telling (killed): this worker goes the same way, as in a power cut.
  // Listened for before anything else: a parent killed while this worker starts must not leave it orphaned.
  process.on('disconnect', () => {
    if (!stopping) process.kill(process.pid, 'SIGKILL');
  });
  if (!process.connected) process.kill(process.pid, 'SIGKILL');
  const platform = await createPlatform(config, { mode: { worker: index, of: count }, log });
  if (config.crashPoints.length) crashPointsAlsoKill(process.ppid);
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await platform.stop();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('message', (m: { type?: string }) => {
    if (m?.type === 'kick') platform.services.dispatcher.kick();
  });
  await platform.start();
  console.error(`${tag} 已就绪(${Math.round(performance.now() - began)} ms)`);
  // A parent already gone is not an error here: the disconnect handler ends this process.
  if (process.connected) process.send?.({ type: 'ready' }, undefined, undefined, () => undefined);
}

main().catch((err) => {
  console.error('[worker] 启动失败', err);
  process.exit(1);
});
