import type { Knex } from 'knex';
import type { Db } from '../../store/createDb.ts';
import { entryHash, GENESIS_HASH, type ChainedRow } from './auditChain.ts';

export type ChainProblemKind = 'edited' | 'deleted' | 'unchained' | 'tail';

export interface ChainProblem {
  kind: ChainProblemKind;
  /** Chain position of the row edited or deleted. */
  seq: number | null;
  /** id of the row edited (or unchained); for a deleted row, the ids of its neighbours. */
  id: number | null;
  between?: [number | null, number | null];
  /** In Chinese, for the operator. */
  message: string;
}

export interface ChainReport {
  ok: boolean;
  /** Rows checked before the first problem (all rows when ok). */
  checked: number;
  problem: ChainProblem | null;
}

const PAGE = 1000;

/**
 * Walks the whole audit chain in order and reports the first row edited or deleted. It recomputes each
 * hash from the stored columns only, so it needs no key and no running platform.
 */
export class AuditChainVerifier {
  private readonly knex: Knex;

  constructor(db: Db) {
    this.knex = db.knex;
  }

  async verify(): Promise<ChainReport> {
    const unchained = await this.knex('audit_log').whereNull('seq').orWhereNull('hash').orderBy('id').first('id');
    if (unchained) return fail(0, { kind: 'unchained', seq: null, id: Number(unchained.id), message: `审计记录 id=${unchained.id} 不在哈希链上(未经审计日志写入,疑为直接插入)` });
    let expected = 1;
    let prevHash = GENESIS_HASH;
    let prevId: number | null = null;
    let checked = 0;
    for (;;) {
      const rows: Array<ChainedRow & { id: number | string; prev_hash: string; hash: string }> = await this.knex('audit_log').where('seq', '>=', expected).orderBy('seq').limit(PAGE);
      for (const r of rows) {
        const seq = Number(r.seq);
        const id = Number(r.id);
        if (seq !== expected) {
          return fail(checked, { kind: 'deleted', seq: expected, id: null, between: [prevId, id], message: `第 ${expected} 条审计记录已被删除(位于 ${prevId === null ? '链首' : `id=${prevId}`} 与 id=${id} 之间)` });
        }
        if (entryHash(r, r.prev_hash) !== r.hash) {
          return fail(checked, { kind: 'edited', seq, id, message: `审计记录 id=${id}(第 ${seq} 条)的内容已被修改,哈希不符` });
        }
        if (r.prev_hash !== prevHash) {
          return fail(checked, { kind: 'edited', seq, id, message: `审计记录 id=${id}(第 ${seq} 条)与前一条不相接,链已被改动` });
        }
        prevHash = r.hash;
        prevId = id;
        expected += 1;
        checked += 1;
      }
      if (rows.length < PAGE) break;
    }
    const head = await this.knex('audit_chain_head').where({ id: 1 }).first('last_seq', 'last_hash');
    const lastSeq = expected - 1;
    if (!head || Number(head.last_seq) !== lastSeq || head.last_hash !== prevHash) {
      const headSeq = head ? Number(head.last_seq) : null;
      const message =
        headSeq !== null && headSeq > lastSeq
          ? `最后 ${headSeq - lastSeq} 条审计记录已被删除(第 ${lastSeq + 1} 条起,位于 id=${prevId ?? '链首'} 之后)`
          : '审计链的链尾记录与最后一条审计记录不符,链已被改动';
      return fail(checked, { kind: 'tail', seq: headSeq !== null && headSeq > lastSeq ? lastSeq + 1 : null, id: null, between: [prevId, null], message });
    }
    return { ok: true, checked, problem: null };
  }
}

function fail(checked: number, problem: ChainProblem): ChainReport {
  return { ok: false, checked, problem };
}
