import type { Knex } from 'knex';
import type { Variables } from '../../port/ProcessEngine.ts';
import type { PersonalData } from '../../services/privacy/index.ts';
import { nowIso } from '../../store/createDb.ts';
import { crashPoint } from '../../reliability/crashPoint.ts';
import type { EventSubStart, ProcessModel } from '../../bpmn/zeebeModel.ts';
import type { InstanceSession } from './instanceSession.ts';

/** engine_message_subscriptions rows of an event sub-process start: `evsub:<start id>`. */
export const EVENT_SUB_PREFIX = 'evsub:';

/** A signal delivery or event sub-process timer already applied (by another process, or before a crash): the step rolls back. */
export class AlreadyAppliedError extends Error {}

export type SignalStarts = Map<string, Array<{ definitionKey: string; bpmnProcessId: string; startId: string }>>;

/** What the broadcasts need of the embedded engine. */
export interface SignalHost {
  knex: Knex;
  personal: PersonalData;
  log?: (msg: string) => void;
  /** The start events `pick` chooses in the latest version of every deployed process. */
  latestStarts(pick: (m: ProcessModel) => string[]): Promise<Array<{ definitionKey: string; bpmnProcessId: string; startId: string }>>;
  startInstance(req: { bpmnProcessId: string; definitionKey: string; variables: Variables; startKey: string }): Promise<unknown>;
  /** The event sub-process starts of an instance's process; throws `gone` errors for an instance that no longer exists. */
  eventSubStartsOf(instanceKey: string): Promise<EventSubStart[]>;
  command(instanceKey: string, cmd: (session: InstanceSession, vars: Variables) => void, after: (trx: Knex.Transaction) => Promise<void>): Promise<unknown>;
  /** The instance ended or does not exist: what was meant for it has nothing left to do. */
  isGone(err: unknown): boolean;
}

interface DeliveryRow {
  id: number;
  signal_key: string;
  signal_name: string;
  target: 'instance' | 'start';
  instance_key: string | null;
  definition_key: string | null;
  element_id: string | null;
  variables: string;
}

/**
 * Signals on the embedded engine. A broadcast is recorded as one delivery row per instance that waits
 * for it and per process it starts, in the transaction of the broadcast (or of the step that threw
 * it); each row is removed in the transaction that applies it. So a crash after the broadcast loses
 * nothing (the rows are applied when the engine is back) and repeats nothing (an applied row is gone,
 * and a signal start instance is keyed by its row's broadcast).
 */
export class SignalBroadcasts {
  constructor(private readonly host: SignalHost) {}

  /** The signal start events of the latest versions, by signal name (read before a transaction: the store may have one connection). */
  async startsFor(names: string[]): Promise<SignalStarts> {
    const out: SignalStarts = new Map();
    for (const name of new Set(names)) out.set(name, await this.host.latestStarts((m) => m.signalStarts.filter((x) => x.name === name).map((x) => x.startId)));
    return out;
  }

  /** Records one broadcast in the caller's transaction; the instance that threw it is left out (bpmn-elements has served its own catches). */
  async record(trx: Knex.Transaction, signalKey: string, name: string, variables: Variables, starts: SignalStarts, fromInstance: string | null): Promise<void> {
    const waiting = (await trx('engine_message_subscriptions').where({ kind: 'signal', message_name: name }).distinct('instance_key')) as Array<{ instance_key: string }>;
    const base = { signal_key: signalKey, signal_name: name, variables: this.host.personal.toJson(variables), created_at: nowIso() };
    for (const w of waiting) if (w.instance_key !== fromInstance) await trx('engine_signal_deliveries').insert({ ...base, target: 'instance', instance_key: w.instance_key });
    for (const s of starts.get(name) ?? []) await trx('engine_signal_deliveries').insert({ ...base, target: 'start', definition_key: s.definitionKey, element_id: s.startId });
  }

  /** Applies recorded deliveries (of one broadcast, or all that are left); each row is removed with its effect. */
  async deliver(signalKey?: string): Promise<void> {
    const { knex, personal } = this.host;
    const q = knex('engine_signal_deliveries').orderBy('id').limit(500);
    if (signalKey) q.where({ signal_key: signalKey });
    for (const r of (await q) as DeliveryRow[]) {
      const variables = personal.fromJson<Variables>(r.variables);
      try {
        if (r.target === 'start') {
          // Keyed by the broadcast: a second application after a crash returns the instance already started.
          const bpmnProcessId = (await knex('engine_definitions').where({ key: r.definition_key }).first('bpmn_process_id')).bpmn_process_id as string;
          await this.host.startInstance({ bpmnProcessId, definitionKey: r.definition_key!, variables, startKey: `signal:${r.signal_key}:${r.definition_key}:${r.element_id}` });
          crashPoint('signal.startCreated');
          await knex('engine_signal_deliveries').where({ id: r.id }).delete();
        } else {
          await this.deliverToInstance(r.id, r.instance_key!, r.signal_name, variables);
        }
      } catch (err) {
        if (err instanceof AlreadyAppliedError) continue;
        if (this.host.isGone(err)) await knex('engine_signal_deliveries').where({ id: r.id }).delete();
        else this.host.log?.(`signal ${r.signal_name} to ${r.instance_key ?? r.definition_key} failed: ${(err as Error).message}`);
      }
    }
  }

  /** One signal for one instance: its catches of that name take it, its event sub-processes of that name start. */
  private async deliverToInstance(deliveryId: number, instanceKey: string, name: string, variables: Variables): Promise<void> {
    const { knex } = this.host;
    const subs = (await knex('engine_message_subscriptions').where({ instance_key: instanceKey, kind: 'signal', message_name: name })) as Array<{ execution_id: string; element_id: string; message_ref: string }>;
    if (!subs.length) {
      // The instance moved past what waited for it before the signal reached it.
      await knex('engine_signal_deliveries').where({ id: deliveryId }).delete();
      return;
    }
    const starts = await this.host.eventSubStartsOf(instanceKey);
    const eventSubs = subs.map((s) => (s.execution_id.startsWith(EVENT_SUB_PREFIX) ? starts.find((e) => e.startId === s.element_id) : undefined)).filter((e): e is EventSubStart => !!e);
    await this.host.command(
      instanceKey,
      (session, vars) => {
        Object.assign(vars, variables);
        for (const e of eventSubs) session.startEventSubProcess(e.subProcessId, e.signal!.refId);
        for (const ref of new Set(subs.map((s) => s.message_ref))) session.signalBroadcast(ref, subs.filter((s) => s.message_ref === ref).map((s) => s.element_id));
        const interrupting = eventSubs.find((e) => e.interrupting);
        if (interrupting) session.interruptOutside(interrupting.subProcessId, new Set(interrupting.elementIds));
      },
      async (trx) => {
        // Exactly once: a delivery another process applied meanwhile rolls this one back.
        if ((await trx('engine_signal_deliveries').where({ id: deliveryId }).delete()) !== 1) throw new AlreadyAppliedError();
        for (const s of subs) {
          await trx('engine_message_subscriptions').where({ instance_key: instanceKey, execution_id: s.execution_id }).delete();
          await trx('engine_jobs').where({ instance_key: instanceKey, execution_id: s.execution_id }).update({ state: 'COMPLETED' });
        }
      },
    );
  }
}
