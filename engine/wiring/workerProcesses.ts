import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('../workerMain.ts', import.meta.url));

/**
 * The worker processes of a split platform (engine/workerMain.ts): process starts, job workers,
 * timers and scheduled jobs, each with its own store connection, so the HTTP event loop only admits
 * and answers. Worker i owns the start-queue rows whose id is i modulo the count; a worker that
 * dies is forked again under the same index once it has exited (never two at once), and recovers
 * its rows left STARTING. The durable queue stays the truth: a worker is told of a submission only
 * to start it sooner than its poll.
 */
export class WorkerProcesses {
  private readonly children: Array<ChildProcess | null>;
  private stopping = false;
  private kickPending = false;

  constructor(
    private readonly count: number,
    private readonly opts: { log: (m: string) => void; respawnMs?: number; entry?: string; /** The workers' environment (their configuration); the parent's by default. */ env?: NodeJS.ProcessEnv },
  ) {
    this.children = new Array(count).fill(null);
  }

  /** Forks every worker; resolves once each has started (recovered its share, engine running). */
  async start(): Promise<void> {
    await Promise.all(this.children.map((_, i) => this.spawn(i)));
  }

  private spawn(index: number): Promise<void> {
    const child = fork(this.opts.entry ?? ENTRY, [String(index), String(this.count)], { stdio: 'inherit', execArgv: process.execArgv, env: this.opts.env });
    this.children[index] = child;
    return new Promise((resolve, reject) => {
      let ready = false;
      child.on('message', (m: { type?: string }) => {
        if (m?.type === 'ready') {
          ready = true;
          resolve();
        }
      });
      child.once('exit', (code, signal) => {
        this.children[index] = null;
        if (!ready) return reject(new Error(`worker ${index} exited while starting (${signal ?? code})`));
        if (this.stopping) return;
        this.opts.log(`worker ${index} exited (${signal ?? code}); starting it again`);
        setTimeout(() => {
          if (!this.stopping) this.spawn(index).catch((err) => this.opts.log(`worker ${index} did not start again: ${(err as Error).message}`));
        }, this.opts.respawnMs ?? 1000).unref();
      });
    });
  }

  /** A submission was stored: the workers look at the queue now (one message per 5 ms at most). */
  kick(): void {
    if (this.kickPending) return;
    this.kickPending = true;
    setTimeout(() => {
      this.kickPending = false;
      for (const c of this.children) if (c?.connected) c.send({ type: 'kick' }, () => undefined);
    }, 5).unref();
  }

  /** SIGTERM to every worker: each finishes what it has in hand and exits, the backlog stays queued. */
  async stop(timeoutMs = 10_000): Promise<void> {
    this.stopping = true;
    const alive = this.children.filter((c): c is ChildProcess => !!c && c.exitCode === null && c.signalCode === null);
    await Promise.all(
      alive.map(
        (c) =>
          new Promise<void>((resolve) => {
            const t = setTimeout(() => c.kill('SIGKILL'), timeoutMs);
            c.once('exit', () => {
              clearTimeout(t);
              resolve();
            });
            c.kill('SIGTERM');
          }),
      ),
    );
  }
}
