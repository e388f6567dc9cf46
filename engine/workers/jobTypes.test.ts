import { describe, expect, it } from 'vitest';
import { WORKER_JOB_TYPES } from './jobTypes.ts';
import { workerHandlers, type WorkerDeps } from './registerWorkers.ts';

describe('worker job types', () => {
  it('lists exactly the job types the platform registers handlers for', () => {
    // given the handlers (built without dependencies: none is called here)
    const registered = Object.keys(workerHandlers({ now: () => 0 } as unknown as WorkerDeps)).sort();
    // then the catalogue names each of them once, and nothing else
    expect(WORKER_JOB_TYPES.map((t) => t.type).sort()).toEqual(registered);
    expect(new Set(WORKER_JOB_TYPES.map((t) => t.type)).size).toBe(WORKER_JOB_TYPES.length);
  });
});
