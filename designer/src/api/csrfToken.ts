// The session's CSRF token, kept in memory only (never in storage a script of another page could read).
let token: string | null = null;

export const csrfToken = {
  get: () => token,
  set: (value: string | null | undefined) => {
    token = value ?? null;
  },
};
