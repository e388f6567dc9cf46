import type { Actor } from '../services/actor.ts';

/** The account service as the HTTP layer uses it. */
export interface AccountsPort {
  login(username: string, password: string): Promise<{ token: string; actor: Actor; expiresAt: string }>;
  logout(token: string): Promise<void>;
  resolveSession(token: string): Promise<Actor | null>;
}
