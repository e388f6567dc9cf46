import type { Knex } from 'knex';

/** Account names for the audit trail: the log stores account ids, admins read and filter by username. */
export class AuditActors {
  constructor(private readonly knex: Knex) {}

  async idOf(username: string): Promise<string | null> {
    const row = (await this.knex('accounts').where({ username }).first('id')) as { id: string } | undefined;
    return row?.id ?? null;
  }

  async usernamesOf(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = (await this.knex('accounts').whereIn('id', [...new Set(ids)]).select('id', 'username')) as Array<{ id: string; username: string }>;
    return new Map(rows.map((r) => [r.id, r.username]));
  }
}
