import type { Actor } from '../services/actor.ts';

/** The account service as the HTTP layer uses it. */
export interface AccountsPort {
  login(username: string, password: string, ctx?: { address?: string | null }): Promise<{ token: string; actor: Actor; expiresAt: string; csrfToken: string }>;
  logout(token: string): Promise<void>;
  resolveSession(token: string): Promise<Actor | null>;
  session(token: string): Promise<{ actor: Actor; csrfToken: string; expiresAt: string } | null>;
  logoutEverywhere(actor: Actor): Promise<number>;
  changePassword(actor: Actor, currentSessionToken: string | null, input: { currentPassword: string; newPassword: string }, ctx?: { address?: string | null }): Promise<void>;
  resetPassword(admin: Actor, username: string, newPassword?: string): Promise<{ username: string; password?: string }>;
}
