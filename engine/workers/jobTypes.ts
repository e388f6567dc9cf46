/** A job type one of the platform's workers handles (engine/workers/registerWorkers.ts). */
export interface WorkerJobTypeEntry {
  type: string;
  /** What the worker does, in Chinese (problem messages, pickers). */
  name: string;
}

/**
 * Every job type the platform's workers handle, as plain data: the designer's live linting and the
 * package loader refuse a service task whose job type is not here (nobody would ever complete its job),
 * and element templates can be built on it. A test keeps it equal to the registered handlers.
 */
export const WORKER_JOB_TYPES: readonly WorkerJobTypeEntry[] = [
  { type: 'rules.evaluate', name: '资格审核(规则判定)' },
  { type: 'process.start', name: '启动案件流程' },
  { type: 'quota.record', name: '登记名额核减' },
  { type: 'notice.record', name: '登记通报' },
  { type: 'provincialClass.record', name: '登记参加省级培训班' },
  { type: 'deadline.compute', name: '期限计算' },
  { type: 'schedule.window', name: '查找日程时间窗口' },
  { type: 'card.issue', name: '发证(制发证卡)' },
  { type: 'card.collect', name: '领证登记' },
  { type: 'card.cancel', name: '注销或作废证卡' },
  { type: 'sanction.record', name: '登记处罚' },
  { type: 'registry.record', name: '登记考试或考评记录' },
  { type: 'application.status', name: '变更申报状态' },
];

/** The worker entry of a job type, or undefined when no worker handles it. */
export function workerJobType(type: string): WorkerJobTypeEntry | undefined {
  return WORKER_JOB_TYPES.find((t) => t.type === type);
}
