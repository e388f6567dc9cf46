import type { Db } from '../../store/createDb.ts';
import type { Actor } from '../actor.ts';

export interface NotificationView {
  id: number;
  title: string;
  body: string;
  clause: string | null;
  createdAt: string;
  readAt: string | null;
}

/** What the platform told a person (a renewal reminder of a scheduled job), shown to that person only. */
export class NotificationService {
  constructor(private readonly db: Db) {}

  /** The caller's own notifications, newest first; an account without an ID number has none. */
  async listOwn(actor: Actor): Promise<NotificationView[]> {
    if (!actor.idNumber) return [];
    const rows = (await this.db.knex('notifications').where({ person_key: this.db.personal.lookupKey(actor.idNumber) }).orderBy('id', 'desc').limit(200)) as Array<Record<string, any>>;
    return rows.map((r) => ({ id: Number(r.id), title: r.title, body: r.body, clause: r.clause ?? null, createdAt: r.created_at, readAt: r.read_at ?? null }));
  }
}
