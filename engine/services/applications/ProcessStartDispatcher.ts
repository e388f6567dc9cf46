import type { Knex } from 'knex';
import type { Db } from '../../store/createDb.ts';
import type { ProcessEngine } from '../../port/ProcessEngine.ts';
import type { AuditSink } from '../inbox/InboxService.ts';
import { crashPoint } from '../../reliability/crashPoint.ts';

/**
 * Starts the processes of submitted applications from the durable queue (outbox). While the engine
 * is unavailable the rows stay PENDING and are retried with backoff; nothing is lost or started twice:
 * a row is claimed by compare-and-set before the start, and the start carries the application as its
 * start key, so a start repeated after a crash gets the instance the first one created.
 */
export class ProcessStartDispatcher {
  private readonly knex: Knex;
  private readonly db: Db;
  private timer?: NodeJS.Timeout;
  private running = false;
  private busy: Promise<void> | null = null;
  private again = false;
  /** Set by stop(): a drain under way finishes the start in hand and leaves the rest queued (durably). */
  private stopping = false;

  constructor(
    db: Db,
    private readonly engine: ProcessEngine,
    private readonly audit: AuditSink,
    private readonly definitionKeyOf: (packageHash: string, bpmnProcessId: string) => Promise<string | undefined>,
    private readonly onStarted: (applicationId: string, processInstanceKey: string, trx: Knex.Transaction) => Promise<void>,
    private readonly opts: {
      pollMs?: number;
      log?: (m: string) => void;
      now?: () => number;
      /** With several worker processes each dispatcher owns the rows whose id is `index` modulo `count`. */
      partition?: { index: number; count: number };
    } = {},
  ) {
    this.knex = db.knex;
    this.db = db;
  }

  /** Rows left STARTING by a crashed process go back to the queue (one dispatcher per partition of it). */
  async recover(): Promise<void> {
    await this.mine(this.knex('process_start_queue').where({ state: 'STARTING' })).update({ state: 'PENDING' });
  }

  /** The rows of this dispatcher's partition (all of them with one dispatcher). */
  private mine<Q extends Knex.QueryBuilder>(q: Q): Q {
    const p = this.opts.partition;
    return p && p.count > 1 ? (q.whereRaw('(id % ?) = ?', [p.count, p.index]) as Q) : q;
  }

  private clock(): number {
    return (this.opts.now ?? Date.now)();
  }

  start(): void {
    this.running = true;
    this.stopping = false;
    const loop = () => {
      if (!this.running) return;
      this.kick();
      this.timer = setTimeout(loop, this.opts.pollMs ?? 500);
    };
    loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stopping = true;
    clearTimeout(this.timer);
    await this.busy;
  }

  kick(): void {
    if (!this.running) return;
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = this.drain()
      .then(() => undefined)
      .catch((err) => this.opts.log?.(`start queue: ${(err as Error).message}`))
      .finally(() => {
        this.busy = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Drains due rows; returns how many processes were started. */
  async drain(): Promise<number> {
    let started = 0;
    for (;;) {
      const now = new Date(this.clock()).toISOString();
      const rows = await this.mine(this.knex('process_start_queue').where({ state: 'PENDING' }).andWhere('next_attempt_at', '<=', now)).orderBy('id').limit(50);
      if (!rows.length) return started;
      for (const row of rows) {
        // A stopping process (SIGTERM) does not work off the backlog: what is left waits in the queue.
        if (this.stopping) return started;
        const claimed = await this.knex('process_start_queue').where({ id: row.id, state: 'PENDING' }).update({ state: 'STARTING', attempts: row.attempts + 1 });
        if (!claimed) continue;
        try {
          const definitionKey = await this.definitionKeyOf(row.package_hash, row.bpmn_process_id);
          const { processInstanceKey } = await this.engine.createInstance({
            bpmnProcessId: row.bpmn_process_id,
            definitionKey,
            variables: this.db.personal.fromJson(row.variables),
            startKey: `application:${row.application_id}`,
          });
          crashPoint('start.instanceCreated');
          // The queue row, the application's instance key and the trail entry commit together.
          await this.knex.transaction(async (trx) => {
            // The payload (personal data) is not kept once started.
            await trx('process_start_queue').where({ id: row.id }).update({ state: 'STARTED', last_error: null, variables: '{}' });
            await this.onStarted(row.application_id, processInstanceKey, trx);
            await this.audit.append(
              {
                actorRole: 'system',
                action: 'application.started',
                entityType: 'application',
                entityId: row.application_id,
                applicationId: row.application_id,
                detail: { processInstanceKey },
                idempotencyKey: `started:${row.application_id}`,
              },
              trx,
            );
          });
          started++;
        } catch (err) {
          const backoff = Math.min(60_000, 500 * 2 ** Math.min(row.attempts, 7));
          await this.knex('process_start_queue')
            .where({ id: row.id })
            .update({ state: 'PENDING', last_error: String((err as Error).message).slice(0, 2000), next_attempt_at: new Date(this.clock() + backoff).toISOString() });
          this.opts.log?.(`start of application ${row.application_id} failed (attempt ${row.attempts + 1}): ${(err as Error).message}`);
        }
      }
    }
  }

  async pending(): Promise<number> {
    const r = await this.knex('process_start_queue').whereNot({ state: 'STARTED' }).count<{ n: number }[]>('* as n');
    return Number(r[0].n);
  }
}
